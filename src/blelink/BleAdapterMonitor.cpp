// SPDX-License-Identifier: GPL-3.0-or-later
#include "BleAdapterMonitor.h"

#include <QBluetoothLocalDevice>

#include "BleLinkLog.h"

BleAdapterMonitor::BleAdapterMonitor(Clock &clock, qint64 pollMs, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_pollMs(pollMs)
{}

BleAdapterMonitor::~BleAdapterMonitor()
{
    m_clock.cancel(m_poll);
}

void BleAdapterMonitor::start()
{
    if (m_poll == 0)
        poll();
}

void BleAdapterMonitor::poll()
{
    // While an adapter is in use its power changes come as signals: only its removal, which
    // Qt records without a signal, needs looking for.
    if (!m_device || !m_device->isValid())
        check();
    m_poll = m_clock.callAfter(m_pollMs, this, [this] { poll(); });
}

void BleAdapterMonitor::check()
{
    if (m_device && !m_device->isValid()) { // Qt noticed the adapter being removed
        qCDebug(lcBle) << "adapter" << m_address.toString() << "removed";
        m_device.reset();
    }
    if (!m_device) {
        // One D-Bus call; fails at once without a system bus or without org.bluez.
        const QList<QBluetoothHostInfo> adapters = QBluetoothLocalDevice::allDevices();
        if (adapters.isEmpty()) {
            update(State::Missing, {});
            return;
        }
        m_device = std::make_unique<QBluetoothLocalDevice>(adapters.constFirst().address());
        if (!m_device->isValid()) {
            m_device.reset();
            update(State::Missing, {});
            return;
        }
        connect(m_device.get(), &QBluetoothLocalDevice::hostModeStateChanged, this,
                &BleAdapterMonitor::check);
    }
    const bool powered = m_device->hostMode() != QBluetoothLocalDevice::HostPoweredOff;
    update(powered ? State::PoweredOn : State::PoweredOff, m_device->address());
}

void BleAdapterMonitor::update(State state, const QBluetoothAddress &address)
{
    if (state == m_state && address == m_address)
        return;
    m_state = state;
    m_address = address;
    Q_EMIT changed();
}
