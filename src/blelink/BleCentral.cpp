// SPDX-License-Identifier: GPL-3.0-or-later
#include "BleCentral.h"

#include <QLowEnergyController>

#include "BitchatGattProfile.h"
#include "BleLinkLog.h"
#include "LinkManager.h"

using namespace Qt::StringLiterals;

BleCentral::BleCentral(Clock &clock, QRandomGenerator *random, Options options, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_options(std::move(options))
    , m_devices(m_options.devices, random)
{}

BleCentral::~BleCentral()
{
    m_clock.cancel(m_roundTimer);
    for (const Clock::TimerId timer : std::as_const(m_retries))
        m_clock.cancel(timer);
}

void BleCentral::start(const QBluetoothAddress &adapter)
{
    if (m_active && adapter == m_adapter)
        return;
    if (m_active)
        stop(u"adapter changed"_s);
    m_active = true;
    m_adapter = adapter;
    delete m_agent;
    m_agent = new QBluetoothDeviceDiscoveryAgent(adapter, this);
    // No timeout: rounds are timed on the Clock, and Qt then reports every advertisement
    // (deviceDiscovered again for RSSI changes), which we count once per round ourselves.
    m_agent->setLowEnergyDiscoveryTimeout(0);
    connect(m_agent, &QBluetoothDeviceDiscoveryAgent::deviceDiscovered, this,
            &BleCentral::handleDiscovered);
    connect(m_agent, &QBluetoothDeviceDiscoveryAgent::deviceUpdated, this,
            [this](const QBluetoothDeviceInfo &info, QBluetoothDeviceInfo::Fields fields) {
                if (fields & QBluetoothDeviceInfo::Field::RSSI)
                    handleDiscovered(info);
            });
    connect(m_agent, &QBluetoothDeviceDiscoveryAgent::errorOccurred, this,
            &BleCentral::handleScanError);
    beginRound();
}

void BleCentral::stop(const QString &reason)
{
    if (!m_active)
        return;
    m_active = false;
    m_clock.cancel(m_roundTimer);
    m_roundTimer = 0;
    for (const Clock::TimerId timer : std::as_const(m_retries))
        m_clock.cancel(timer);
    m_retries.clear();
    m_waitingForDevice.clear();
    if (m_agent && m_agent->isActive())
        m_agent->stop();
    const QList<QPointer<BleCentralDial>> dials = std::exchange(m_dials, {});
    for (const QPointer<BleCentralDial> &dial : dials) {
        if (!dial)
            continue;
        // Unheard from now on; its destructor lets BlueZ drop a half-made connection. Not
        // deleted here: stop() may run inside a D-Bus signal the dial's controller handles too.
        disconnect(dial, nullptr, this, nullptr);
        dial->deleteLater();
    }
    for (const QString &address : std::exchange(m_requested, {}))
        failRequested(address, reason);
    Q_EMIT stopping(reason);
    setRunning(false, QString());
}

void BleCentral::setMaxOutgoing(int limit)
{
    limit = std::max(0, limit);
    if (limit == m_options.maxOutgoing)
        return;
    m_options.maxOutgoing = limit;
    Q_EMIT slotsChanged();
}

int BleCentral::freeSlots() const
{
    return std::max(0, m_options.maxOutgoing - busyCount());
}

void BleCentral::beginRound()
{
    m_roundTimer = 0;
    if (!m_active)
        return;
    ++m_rounds;
    m_devices.beginRound();
    // Devices BlueZ already knows are reported from inside start(), errors too.
    m_agent->start(QBluetoothDeviceDiscoveryAgent::LowEnergyMethod);
    if (!m_active || m_roundTimer != 0) // stopped, or the error handler scheduled a retry
        return;
    setRunning(true, QString());
    m_roundTimer = m_clock.callAfter(m_options.scanMs, this, [this] { endRound(); });
}

void BleCentral::endRound()
{
    m_roundTimer = 0;
    if (m_agent->isActive())
        m_agent->stop();
    const BleDeviceTable::RoundSummary round = m_devices.endRound();
    qCDebug(lcBle).noquote()
        << u"scan: %1 unique devices, %2 new"_s.arg(round.unique).arg(round.fresh);
    Q_EMIT roundFinished(round.unique, round.fresh);
    for (const QString &address : m_devices.prune(m_clock.monotonicMs())) {
        if (!m_busy.contains(address) && !m_retries.contains(address))
            m_known.remove(address);
    }
    m_roundTimer = m_clock.callAfter(m_options.pauseMs, this, [this] { beginRound(); });
}

void BleCentral::handleScanError(QBluetoothDeviceDiscoveryAgent::Error error)
{
    if (!m_active)
        return;
    const QString reason = error == QBluetoothDeviceDiscoveryAgent::PoweredOffError
                               ? u"Bluetooth off"_s
                               : m_agent->errorString();
    if (reason != m_errorString)
        qCDebug(lcBle) << "scan failed:" << error << reason;
    // Try again after a pause; the adapter monitor stops us if the adapter went away.
    m_clock.cancel(m_roundTimer);
    m_roundTimer = m_clock.callAfter(m_options.pauseMs, this, [this] { beginRound(); });
    setRunning(false, reason);
}

void BleCentral::setRunning(bool running, const QString &error)
{
    if (running == m_running && error == m_errorString)
        return;
    m_running = running;
    m_errorString = error;
    Q_EMIT runningChanged();
}

void BleCentral::handleDiscovered(const QBluetoothDeviceInfo &info)
{
    if (!m_active || !info.serviceUuids().contains(BitchatGattProfile::serviceUuid()))
        return;
    const QString address = info.address().toString();
    m_known.insert(address, info);
    if (info.rssi() != 0) // Qt reports 0 when BlueZ gave no RSSI
        Q_EMIT rssiMeasured(address, info.rssi());
    if (!m_devices.recordSighting(address, m_clock.monotonicMs()))
        return;
    // Not from inside the agent's callback: connecting makes blocking D-Bus calls of its own.
    QMetaObject::invokeMethod(
        this, [this, address] { considerDial(address); }, Qt::QueuedConnection);
}

void BleCentral::considerDial(const QString &address)
{
    if (!m_active || m_retries.contains(address) || !m_known.contains(address))
        return;
    const qint64 now = m_clock.monotonicMs();
    const qint64 wait = m_devices.waitBeforeDial(address, now);
    if (wait > 0) {
        // Backing off or held off: come back when that ends, not only at the next round.
        // A forgotten device waits for a sighting after its time is up.
        if (!m_devices.isForgotten(address, now))
            scheduleRetry(address, wait);
        return;
    }
    if (m_busy.contains(address)) { // the last controller to it is still going away
        m_waitingForDevice.insert(address);
        return;
    }
    if (freeSlots() == 0)
        return;
    startDial(m_known.value(address));
}

void BleCentral::dial(const QString &address)
{
    const QBluetoothAddress parsed(address);
    QString reason;
    if (parsed.isNull() || parsed.toString() != address)
        reason = u"invalid address (want AA:BB:CC:DD:EE:FF)"_s;
    else if (!m_active)
        reason = m_errorString.isEmpty() ? u"Bluetooth not running"_s : m_errorString;
    else if (m_busy.contains(address) || m_requested.contains(address))
        reason = u"already connected or connecting"_s;
    else if (freeSlots() == 0)
        reason = u"no free connection slot"_s;
    if (!reason.isEmpty()) {
        QMetaObject::invokeMethod(
            this, [this, address, reason] { Q_EMIT dialFailed(address, reason); },
            Qt::QueuedConnection);
        return;
    }
    m_requested.insert(address);
    if (!m_known.contains(address)) { // not heard yet: BlueZ may still know it
        QBluetoothDeviceInfo info(parsed, QString(), 0);
        info.setCoreConfigurations(QBluetoothDeviceInfo::LowEnergyCoreConfiguration);
        m_known.insert(address, info);
    }
    startDial(m_known.value(address));
}

void BleCentral::startDial(const QBluetoothDeviceInfo &info)
{
    const QString address = info.address().toString();
    auto *dial = new BleCentralDial(info, m_adapter, m_clock, m_options.dial, this, this);
    m_busy.insert(address);
    m_dials.append(dial);
    // The device is free for another controller only once this one is gone (see
    // BleControllerReaper): that, not the link closing, ends "busy".
    connect(dial->controller(), &QObject::destroyed, this, [this, address] {
        m_busy.remove(address);
        Q_EMIT slotsChanged();
        if (m_waitingForDevice.remove(address))
            considerDial(address);
    });
    connect(dial, &BleCentralDial::ready, this,
            [this, dial](BleCentralLink *link) { handleDialReady(dial, link); });
    connect(dial, &BleCentralDial::failed, this,
            [this, dial](const QString &reason) { handleDialFailed(dial, reason); });
    Q_EMIT slotsChanged();
    dial->start();
}

void BleCentral::handleDialReady(BleCentralDial *dial, BleCentralLink *link)
{
    const QString address = dial->address();
    m_dials.removeAll(dial);
    dial->deleteLater();
    m_requested.remove(address);
    m_devices.recordLinkOpened(address, m_clock.monotonicMs());
    link->setParent(this);
    const int rssi = m_known.value(address).rssi();
    if (rssi != 0)
        link->setRssi(rssi);
    connect(this, &BleCentral::rssiMeasured, link, [link, address](const QString &heard, int dbm) {
        if (heard == address)
            link->setRssi(dbm);
    });
    connect(this, &BleCentral::stopping, link, &BleCentralLink::close);
    connect(link, &Link::closed, this, [this, link, address](const QString &reason) {
        handleLinkClosed(address, reason);
        if (link->parent() == this) // nobody took it
            link->deleteLater();
    });
    qCDebug(lcBle) << "link" << link->id() << "to" << address << "open";
    Q_EMIT linkOpened(link);
}

void BleCentral::handleDialFailed(BleCentralDial *dial, const QString &reason)
{
    const QString address = dial->address();
    m_dials.removeAll(dial);
    dial->deleteLater();
    if (m_requested.remove(address))
        failRequested(address, reason);
    if (!m_active)
        return;
    const qint64 delay = m_devices.recordDialFailure(address, m_clock.monotonicMs());
    if (delay < 0) {
        qCDebug(lcBle) << "forgetting" << address << "for" << m_options.devices.forgetMs / 1000
                       << "s after" << m_options.devices.maxFailures << "failed dials";
        return;
    }
    scheduleRetry(address, delay);
}

void BleCentral::handleLinkClosed(const QString &address, const QString &reason)
{
    if (!m_active)
        return;
    const qint64 now = m_clock.monotonicMs();
    if (reason == LinkManager::DuplicateLinkReason) {
        // The node is reached through another link (it dialed us, or over IP): dialing again at
        // once would only be closed again. Sightings after the hold-off dial it anew.
        m_devices.holdOff(address, now + m_options.duplicateHoldOffMs);
        return;
    }
    if (reason == LinkManager::SelfLinkReason) {
        m_devices.holdOff(address, now + m_options.devices.forgetMs);
        return;
    }
    scheduleRetry(address, m_devices.recordLinkClosed(address, now));
}

void BleCentral::scheduleRetry(const QString &address, qint64 delayMs)
{
    m_clock.cancel(m_retries.take(address));
    m_retries.insert(address, m_clock.callAfter(delayMs, this, [this, address] {
        m_retries.remove(address);
        considerDial(address);
    }));
}

void BleCentral::failRequested(const QString &address, const QString &reason)
{
    QMetaObject::invokeMethod(
        this, [this, address, reason] { Q_EMIT dialFailed(address, reason); },
        Qt::QueuedConnection);
}
