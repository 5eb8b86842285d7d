// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <memory>

#include <QBluetoothAddress>

#include "BleCentral.h"
#include "BleStatus.h"
#include "Clock.h"
#include "FramePacer.h"
#include "LinkTransport.h"

class BleAdapterMonitor;
class BlePeripheral;
class GattServer;
class QRandomGenerator;

/**
 * Links over Bluetooth LE (spec 02): both roles at once, as bitchat requires. The central
 * (BleCentral) scans for the bitchat service and dials what it hears; the peripheral
 * (BlePeripheral) publishes the service and accepts centrals. It follows the adapter
 * (BleAdapterMonitor): no adapter is Unavailable, powered off is Off and closes every BLE link,
 * powered on again (or plugged in) starts both roles again, all without a restart. A peripheral
 * that fails leaves the central running: state() is then NeedsPermission (with the setcap
 * command in statusText()) or Partial.
 *
 * Owns the monitor and both roles; links follow LinkTransport's hand-over. The GATT server is
 * made by Options::gattServerFactory (QtGattServer by default) so tests can put a fake there.
 */
class BleTransport final : public LinkTransport
{
    Q_OBJECT
public:
    using GattServerFactory = std::function<std::unique_ptr<GattServer>(const QBluetoothAddress &)>;

    struct Options
    {
        BleCentral::Options central;
        /** Run the peripheral role too. */
        bool peripheral = true;
        /** Notifications to a central; see FramePacer. */
        FramePacer::Policy notifyPacing;
        /** How often a missing adapter is looked for, ms. */
        qint64 adapterPollMs = 3'000;
        /** Empty: QtGattServer on the adapter. */
        GattServerFactory gattServerFactory;
        /** Empty: PeripheralPrivilege::processHasCapabilities(). */
        std::function<bool()> hasPeripheralPrivilege;
    };

    /** @p random (backoff jitter) must outlive the transport, like @p clock. */
    BleTransport(Clock &clock, QRandomGenerator *random, QObject *parent = nullptr);
    BleTransport(Clock &clock, QRandomGenerator *random, Options options,
                 QObject *parent = nullptr);
    ~BleTransport() override;

    LinkType type() const override { return LinkType::Ble; }
    /**
     * Starts following the adapter and, while it is powered, both roles. False when there is
     * no adapter now; the transport keeps looking and starts when one appears.
     */
    bool start() override;
    /** True while the central scans. */
    bool isRunning() const override;
    TransportState state() const override { return m_status.state(); }
    /** The state in words, and while scanning how many outgoing connection slots are free. */
    QString statusText() const override;
    /** Dials a peripheral by address, "AA:BB:CC:DD:EE:FF". */
    void dial(const QString &address) override;

    int maxOutgoing() const;
    void setMaxOutgoing(int limit);
    /** Outgoing connections that may still be opened. */
    int freeOutgoingSlots() const;
    const BleStatus &status() const { return m_status; }
    const BleCentral &central() const { return *m_central; }
    const BlePeripheral *peripheral() const { return m_peripheral; }

Q_SIGNALS:
    /** freeOutgoingSlots() or maxOutgoing() changed. */
    void slotsChanged();

private:
    void handleAdapter();
    void startRoles(const QBluetoothAddress &adapter);
    void stopRoles(const QString &reason);
    void refreshStatus();

    Clock &m_clock;
    Options m_options;
    BleAdapterMonitor *m_adapter = nullptr; // child
    BleCentral *m_central = nullptr;        // child
    BlePeripheral *m_peripheral = nullptr;  // child, null when the role is off
    QBluetoothAddress m_rolesAdapter;       // the adapter both roles run on, null when stopped
    bool m_started = false;
    BleStatus m_status;
};
