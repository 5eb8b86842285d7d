// SPDX-License-Identifier: GPL-3.0-or-later
#include "BleTransport.h"

#include "BleAdapterMonitor.h"
#include "BleLinkLog.h"
#include "BlePeripheral.h"
#include "PeripheralPrivilege.h"
#include "QtGattServer.h"

using namespace Qt::StringLiterals;

namespace {
QLatin1StringView stateName(TransportState state)
{
    switch (state) {
    case TransportState::Off:
        return QLatin1StringView("off");
    case TransportState::Unavailable:
        return QLatin1StringView("unavailable");
    case TransportState::Starting:
        return QLatin1StringView("starting");
    case TransportState::Running:
        return QLatin1StringView("running");
    case TransportState::Partial:
        return QLatin1StringView("partial");
    case TransportState::NeedsPermission:
        return QLatin1StringView("needs permission");
    case TransportState::Failed:
        return QLatin1StringView("failed");
    }
    return QLatin1StringView("?");
}
} // namespace

BleTransport::BleTransport(Clock &clock, QRandomGenerator *random, QObject *parent)
    : BleTransport(clock, random, Options{}, parent)
{}

BleTransport::BleTransport(Clock &clock, QRandomGenerator *random, Options options, QObject *parent)
    : LinkTransport(parent)
    , m_clock(clock)
    , m_options(std::move(options))
{
    if (!m_options.gattServerFactory) {
        m_options.gattServerFactory = [](const QBluetoothAddress &adapter) {
            return std::unique_ptr<GattServer>(std::make_unique<QtGattServer>(adapter));
        };
    }
    if (!m_options.hasPeripheralPrivilege)
        m_options.hasPeripheralPrivilege = &PeripheralPrivilege::processHasCapabilities;
    m_status.binaryPath = PeripheralPrivilege::currentBinaryPath();
    m_status.peripheral =
        m_options.peripheral ? BleStatus::Peripheral::Starting : BleStatus::Peripheral::Disabled;

    m_adapter = new BleAdapterMonitor(clock, m_options.adapterPollMs, this);
    connect(m_adapter, &BleAdapterMonitor::changed, this, &BleTransport::handleAdapter);

    m_central = new BleCentral(clock, random, m_options.central, this);
    connect(m_central, &BleCentral::linkOpened, this, &LinkTransport::linkOpened);
    connect(m_central, &BleCentral::dialFailed, this, &LinkTransport::dialFailed);
    connect(m_central, &BleCentral::runningChanged, this, [this] {
        if (m_central->isRunning() || m_central->errorString().isEmpty()) {
            refreshStatus();
            return;
        }
        // A failed scan is often the first sign of the adapter going away (Qt's discovery
        // hears it before the adapter monitor can): look at the adapter once the current
        // D-Bus signal is fully handled, then report.
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_adapter->check();
                refreshStatus();
            },
            Qt::QueuedConnection);
    });
    connect(m_central, &BleCentral::slotsChanged, this, &BleTransport::slotsChanged);
    connect(m_central, &BleCentral::slotsChanged, this, &LinkTransport::stateChanged);

    if (m_options.peripheral) {
        m_peripheral = new BlePeripheral(
            clock, [this] { return m_options.gattServerFactory(m_rolesAdapter); },
            m_options.notifyPacing, this);
        connect(m_peripheral, &BlePeripheral::linkOpened, this, &LinkTransport::linkOpened);
        connect(m_peripheral, &BlePeripheral::statusChanged, this, &BleTransport::refreshStatus);
    }
}

BleTransport::~BleTransport()
{
    // Let BlueZ drop our connections rather than wait for its idle timeout; report nothing more.
    disconnect(m_adapter, nullptr, this, nullptr);
    disconnect(m_central, nullptr, this, nullptr);
    if (m_peripheral)
        disconnect(m_peripheral, nullptr, this, nullptr);
    stopRoles(u"shutting down"_s);
}

bool BleTransport::start()
{
    if (!m_started) {
        m_started = true;
        m_adapter->start(); // reports the adapter at once through handleAdapter()
    }
    refreshStatus();
    return m_adapter->state() != BleAdapterMonitor::State::Missing;
}

bool BleTransport::isRunning() const
{
    return m_central->isRunning();
}

void BleTransport::dial(const QString &address)
{
    m_central->dial(address);
}

QString BleTransport::statusText() const
{
    const QString text = m_status.text();
    const TransportState now = state();
    if (now != TransportState::Running && now != TransportState::Partial)
        return text;
    return tr("%1 · %2 of %3 outgoing slots free")
        .arg(text)
        .arg(freeOutgoingSlots())
        .arg(maxOutgoing());
}

int BleTransport::maxOutgoing() const
{
    return m_central->maxOutgoing();
}

void BleTransport::setMaxOutgoing(int limit)
{
    m_central->setMaxOutgoing(limit);
}

int BleTransport::freeOutgoingSlots() const
{
    return m_central->freeSlots();
}

void BleTransport::handleAdapter()
{
    switch (m_adapter->state()) {
    case BleAdapterMonitor::State::Unknown:
        break;
    case BleAdapterMonitor::State::Missing:
        stopRoles(u"no Bluetooth adapter"_s);
        break;
    case BleAdapterMonitor::State::PoweredOff:
        stopRoles(u"Bluetooth off"_s);
        break;
    case BleAdapterMonitor::State::PoweredOn:
        startRoles(m_adapter->address());
        break;
    }
    refreshStatus();
}

void BleTransport::startRoles(const QBluetoothAddress &adapter)
{
    if (!m_rolesAdapter.isNull() && m_rolesAdapter == adapter)
        return;
    if (!m_rolesAdapter.isNull())
        stopRoles(u"adapter changed"_s);
    m_rolesAdapter = adapter;
    qCDebug(lcBle) << "starting on adapter" << adapter.toString();
    m_central->start(adapter);
    if (m_peripheral)
        m_peripheral->start();
}

void BleTransport::stopRoles(const QString &reason)
{
    if (m_rolesAdapter.isNull())
        return;
    m_rolesAdapter = QBluetoothAddress();
    m_central->stop(reason);
    if (m_peripheral)
        m_peripheral->stop(reason);
}

void BleTransport::refreshStatus()
{
    BleStatus status = m_status;
    switch (m_started ? m_adapter->state() : BleAdapterMonitor::State::Unknown) {
    case BleAdapterMonitor::State::Unknown:
        status.adapter = BleStatus::Adapter::NotStarted;
        break;
    case BleAdapterMonitor::State::Missing:
        status.adapter = BleStatus::Adapter::Missing;
        break;
    case BleAdapterMonitor::State::PoweredOff:
        status.adapter = BleStatus::Adapter::PoweredOff;
        break;
    case BleAdapterMonitor::State::PoweredOn:
        status.adapter = BleStatus::Adapter::PoweredOn;
        break;
    }
    status.scanning = m_central->isRunning();
    status.centralError = m_central->errorString();
    if (m_peripheral) {
        switch (m_peripheral->status()) {
        case BlePeripheral::Status::Stopped:
            status.peripheral = BleStatus::Peripheral::Starting;
            break;
        case BlePeripheral::Status::Advertising:
        case BlePeripheral::Status::Connected:
            status.peripheral = BleStatus::Peripheral::Working;
            break;
        case BlePeripheral::Status::Failed:
            if (status.peripheral != BleStatus::Peripheral::Failed)
                status.peripheralNeedsPrivilege = !m_options.hasPeripheralPrivilege();
            status.peripheral = BleStatus::Peripheral::Failed;
            break;
        }
        status.peripheralError = m_peripheral->errorString();
    }
    if (status == m_status)
        return;
    const TransportState before = m_status.state();
    const QString beforeText = m_status.text();
    m_status = status;
    const TransportState after = m_status.state();
    if (after == before && m_status.text() == beforeText)
        return; // nothing observable changed
    qCDebug(lcBle).noquote() << u"Bluetooth state: %1 - %2"_s.arg(stateName(after),
                                                                  m_status.text());
    // What needs the user's attention is shown without --verbose too, once per change.
    if (after == TransportState::Unavailable || after == TransportState::NeedsPermission ||
        after == TransportState::Partial || after == TransportState::Failed)
        qCWarning(lcBle).noquote() << m_status.text();
    Q_EMIT stateChanged();
}
