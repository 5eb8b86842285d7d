// SPDX-License-Identifier: GPL-3.0-or-later
#include "HostilePeer.h"

#include <QUrl>
#include <QWebSocket>

#include "LoopWait.h"
#include "PacketForge.h"

HostilePeer::HostilePeer(QObject *parent)
    : QObject(parent)
    , m_identity(Identity::generate())
    , m_socket(std::make_unique<QWebSocket>())
{
    connect(m_socket.get(), &QWebSocket::binaryMessageReceived, this, &HostilePeer::handleFrame);
    connect(m_socket.get(), &QWebSocket::bytesWritten, this, &HostilePeer::bytesWritten);
    connect(m_socket.get(), &QWebSocket::disconnected, this, [this] { m_disconnected = true; });
}

HostilePeer::~HostilePeer()
{
    m_socket->disconnect(this);
    m_socket->abort();
}

bool HostilePeer::connectTo(const QString &url, int timeoutMs)
{
    m_disconnected = false;
    m_socket->open(QUrl(url));
    return LoopWait::until(
               [this] {
                   return m_socket->state() == QAbstractSocket::ConnectedState || m_disconnected;
               },
               timeoutMs) &&
           isConnected();
}

bool HostilePeer::isConnected() const
{
    return m_socket->state() == QAbstractSocket::ConnectedState;
}

void HostilePeer::close()
{
    m_socket->close();
}

void HostilePeer::announce(const QString &nick)
{
    send(PacketForge::announce(m_identity, nick, nextTimestamp()));
}

void HostilePeer::send(const Packet &packet)
{
    sendFrame(PacketCodec::encodeForWire(packet).value());
}

void HostilePeer::sendFrame(const QByteArray &frame)
{
    if (isConnected())
        m_socket->sendBinaryMessage(frame);
}

qint64 HostilePeer::bytesToWrite() const
{
    return m_socket->bytesToWrite();
}

bool HostilePeer::flush(int timeoutMs)
{
    return LoopWait::until([this] { return !isConnected() || bytesToWrite() == 0; }, timeoutMs) &&
           bytesToWrite() == 0;
}

quint64 HostilePeer::nextTimestamp()
{
    m_lastTimestamp = std::max(PacketForge::nowMs(), m_lastTimestamp + 1);
    return m_lastTimestamp;
}

std::optional<AnnouncePayload> HostilePeer::announceOf(const PeerId &peer) const
{
    const auto it = m_announces.constFind(peer);
    if (it == m_announces.cend())
        return std::nullopt;
    return *it;
}

void HostilePeer::handleFrame(const QByteArray &frame)
{
    ++m_framesReceived;
    const auto packet = m_codec.decode(frame);
    if (!packet)
        return;
    if (packet->messageType() == MessageType::Announce) {
        if (const auto announce = AnnouncePayload::decode(packet->payload))
            m_announces.insert(packet->senderId, *announce);
    }
    Q_EMIT packetReceived(*packet);
}
