// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QBluetoothAddress>
#include <QObject>

#include "Clock.h"

class QBluetoothLocalDevice;

/**
 * Follows the local Bluetooth adapter without a restart: present or missing (no BlueZ, no system
 * bus, adapter unplugged), powered on or off. Power changes arrive at once through
 * QBluetoothLocalDevice::hostModeStateChanged; an adapter appearing or disappearing has no Qt
 * signal, so the monitor also looks every @p pollMs on the Clock (one D-Bus call while no
 * adapter exists; none while one does, as Qt tracks its removal itself).
 *
 * Owns the QBluetoothLocalDevice of the adapter in use.
 */
class BleAdapterMonitor : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Unknown, ///< not started
        Missing,
        PoweredOff,
        PoweredOn,
    };
    Q_ENUM(State)

    BleAdapterMonitor(Clock &clock, qint64 pollMs, QObject *parent = nullptr);
    ~BleAdapterMonitor() override;

    /** Checks now and then every poll interval. */
    void start();
    /** Checks now (also called by the poll). */
    void check();

    State state() const { return m_state; }
    /** The adapter in use; null when Missing. */
    QBluetoothAddress address() const { return m_address; }

Q_SIGNALS:
    /** state() or address() changed. */
    void changed();

private:
    void poll();
    void update(State state, const QBluetoothAddress &address);

    Clock &m_clock;
    const qint64 m_pollMs;
    std::unique_ptr<QBluetoothLocalDevice> m_device;
    QBluetoothAddress m_address;
    State m_state = State::Unknown;
    Clock::TimerId m_poll = 0;
};
