// SPDX-License-Identifier: GPL-3.0-or-later
#include "BlePeripheralLink.h"

#include "BitchatGattProfile.h"
#include "BleLinkLog.h"
#include "GattServer.h"

using namespace Qt::StringLiterals;

BlePeripheralLink::BlePeripheralLink(GattServer &server, const QString &centralAddress,
                                     Clock &clock, FramePacer::Policy pacing, QObject *parent)
    : Link(false, parent)
    , m_server(&server)
    , m_centralAddress(centralAddress)
    , m_pacer(clock, pacing,
              [this](const QByteArray &frame) {
                  m_sendQueue.progressed();
                  if (m_server &&
                      !m_server->notify(BitchatGattProfile::characteristicUuid(), frame))
                      qCWarning(lcBle) << "link" << id() << "notification refused";
              })
    , m_sendQueue(
          clock,
          SendQueueGuard::Policy::forFrameQueue(pacing.maxQueuedFrames,
                                                BitchatGattProfile::MaxValueLength),
          [this] {
              return SendQueueGuard::Level{m_pacer.queuedBytes(), m_pacer.queuedCount()};
          },
          id())
{
    connect(&m_sendQueue, &SendQueueGuard::stuck, this, [this] { close(StuckReason); });
    m_pacer.hold(); // until the central subscribes
    connect(&server, &GattServer::characteristicWritten, this, &BlePeripheralLink::handleWrite);
    connect(&server, &GattServer::notificationsChanged, this,
            &BlePeripheralLink::handleSubscription);
    connect(&server, &GattServer::centralDisconnected, this,
            [this] { end(u"central disconnected"_s); });
    connect(&server, &GattServer::failed, this,
            [this](const QString &reason) { end(u"GATT server failed: "_s + reason); });
    connect(&server, &QObject::destroyed, this, [this] { end(u"GATT server gone"_s); });
}

BlePeripheralLink::~BlePeripheralLink() = default;

qsizetype BlePeripheralLink::mtu() const
{
    if (!isOpen() || !m_server)
        return 0;
    return m_server->attMtu() - BitchatGattProfile::AttHeaderSize;
}

SendResult BlePeripheralLink::send(const QByteArray &frame, SendPriority priority)
{
    if (!isOpen()) {
        qCDebug(lcBle) << "link" << id() << "closed; dropping frame of" << frame.size();
        return SendResult::Closed;
    }
    const qsizetype limit = mtu();
    if (frame.size() > limit) {
        // The mesh fragments to mtu(); this only happens when the ATT MTU is below what a
        // fragment needs (the 23-byte default of a central that never exchanged its MTU).
        if (!m_warnedSmallMtu)
            qCWarning(lcBle) << "link" << id() << "to" << m_centralAddress
                             << "ATT MTU too small:" << frame.size()
                             << "byte frame, notifications carry" << limit;
        m_warnedSmallMtu = true;
        return SendResult::TooLarge;
    }
    if (!m_sendQueue.admits(frame.size(), priority) || !m_pacer.enqueue(frame)) {
        qCDebug(lcBle) << "link" << id() << "send queue full; dropped"
                       << (priority == SendPriority::Relay ? "a relayed" : "an own") << "frame of"
                       << frame.size() << "bytes";
        return SendResult::QueueFull;
    }
    return SendResult::Accepted;
}

void BlePeripheralLink::close(const QString &reason)
{
    const QPointer<GattServer> server = m_server;
    end(reason);
    if (server)
        server->disconnectCentral();
}

void BlePeripheralLink::handleWrite(const QBluetoothUuid &characteristic, const QByteArray &value)
{
    if (!isOpen() || characteristic != BitchatGattProfile::characteristicUuid())
        return;
    Q_EMIT frameReceived(value);
}

void BlePeripheralLink::handleSubscription(const QBluetoothUuid &characteristic, bool enabled)
{
    if (characteristic != BitchatGattProfile::characteristicUuid() || enabled == m_subscribed)
        return;
    m_subscribed = enabled;
    qCDebug(lcBle) << "link" << id() << (enabled ? "subscribed" : "unsubscribed");
    if (enabled)
        m_pacer.release();
    else
        m_pacer.hold();
}

void BlePeripheralLink::end(const QString &reason)
{
    if (!isOpen())
        return;
    m_sendQueue.stop();
    if (const int dropped = m_pacer.clear())
        qCDebug(lcBle) << "link" << id() << "closing; dropped" << dropped << "queued frames";
    m_pacer.hold();
    if (m_server)
        disconnect(m_server, nullptr, this, nullptr);
    finish(reason);
}
