// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebSocketLink.h"

#include <algorithm>

#include <QPointer>
#include <QWebSocket>

#include "IpLinkLog.h"

using namespace Qt::StringLiterals;

namespace {
// RFC 6455 §5.2: 2 header bytes, 8 for a 64-bit length, 4 for the mask a client adds.
constexpr qint64 MaxFrameOverhead = 14;
} // namespace

WebSocketLink::WebSocketLink(QWebSocket *socket, bool outgoing, const QString &remoteAddress,
                             Clock &clock, qsizetype maxFrameSize,
                             const SendQueueGuard::Policy &sendQueue, QObject *parent)
    : Link(outgoing, parent)
    , m_socket(socket)
    , m_remoteAddress(remoteAddress)
    , m_maxFrameSize(maxFrameSize)
    , m_sendQueue(
          clock, sendQueue,
          [this] {
              return SendQueueGuard::Level{queuedBytes(), queuedFrames()};
          },
          id())
{
    Q_ASSERT(socket);
    socket->setParent(this);
    // Qt refuses larger frames and messages while reading their header, before buffering them.
    socket->setMaxAllowedIncomingFrameSize(quint64(maxFrameSize));
    socket->setMaxAllowedIncomingMessageSize(quint64(maxFrameSize));

    connect(socket, &QWebSocket::binaryMessageReceived, this, &WebSocketLink::handleBinaryMessage);
    connect(socket, &QWebSocket::textMessageReceived, this, [this](const QString &message) {
        apply(WebSocketInput::onMessage(WebSocketInput::MessageKind::Text, message.size(),
                                        m_maxFrameSize));
    });
    connect(socket, &QWebSocket::disconnected, this, &WebSocketLink::handleDisconnected);
    connect(socket, &QWebSocket::bytesWritten, this, &WebSocketLink::handleBytesWritten);
    connect(&m_sendQueue, &SendQueueGuard::stuck, this, &WebSocketLink::abortStuck);
    connect(this, &Link::closed, &m_sendQueue, &SendQueueGuard::stop);
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, [this] {
        if (!isOpen())
            return;
        // A broken connection takes no close frame: trying to write one only makes Qt complain
        // about the dead descriptor. Abort it instead.
        const QString reason = u"socket error: "_s + m_socket->errorString();
        qCInfo(lcIpLink) << "link" << id() << "to" << m_remoteAddress << "failed:" << reason;
        Q_EMIT faulted(WebSocketFault::SocketError);
        const QPointer<QWebSocket> guard = m_socket; // a closed() slot may delete this link
        if (finish(reason) && guard)
            guard->abort();
    });
    if (socket->state() != QAbstractSocket::ConnectedState)
        finish(u"not connected"_s);
}

WebSocketLink::~WebSocketLink() = default;

SendResult WebSocketLink::send(const QByteArray &frame, SendPriority priority)
{
    if (!isOpen() || !m_socket) {
        qCDebug(lcIpLink) << "link" << id() << "closed; dropping frame of" << frame.size();
        return SendResult::Closed;
    }
    if (frame.size() > m_maxFrameSize) {
        qCWarning(lcIpLink) << "link" << id() << "refusing to send" << frame.size() << "bytes, mtu"
                            << m_maxFrameSize;
        return SendResult::TooLarge;
    }
    if (!m_sendQueue.admits(frame.size() + MaxFrameOverhead, priority))
        return SendResult::QueueFull;
    // Qt only appends to the socket's buffer here and writes on the event loop, so the growth is
    // exactly this frame on the wire.
    const qint64 before = m_socket->bytesToWrite();
    m_socket->sendBinaryMessage(frame);
    const qint64 added = std::max<qint64>(0, m_socket->bytesToWrite() - before);
    m_pending.push_back(added);
    m_pendingBytes += added;
    return SendResult::Accepted;
}

qint64 WebSocketLink::queuedBytes() const
{
    return m_socket ? m_socket->bytesToWrite() : 0;
}

void WebSocketLink::handleBytesWritten()
{
    // The buffer drains oldest first: a frame is gone once the newer ones alone fill what is left.
    const qint64 buffered = queuedBytes();
    while (!m_pending.empty() && m_pendingBytes - m_pending.front() >= buffered) {
        m_pendingBytes -= m_pending.front();
        m_pending.pop_front();
    }
    m_sendQueue.progressed();
}

void WebSocketLink::abortStuck()
{
    // Nothing leaves the buffer, so a close frame would never arrive either: drop the connection
    // and with it what it holds.
    const QPointer<QWebSocket> socket = m_socket; // a closed() slot may delete this link
    qCInfo(lcIpLink) << "link" << id() << "to" << m_remoteAddress
                     << "does not read:" << queuedBytes() << "bytes waiting; aborting";
    if (finish(StuckReason) && socket)
        socket->abort();
}

void WebSocketLink::close(const QString &reason)
{
    closeSocket(QWebSocketProtocol::CloseCodeNormal, reason);
}

void WebSocketLink::handleBinaryMessage(const QByteArray &message)
{
    if (!isOpen())
        return;
    if (apply(WebSocketInput::onMessage(WebSocketInput::MessageKind::Binary, message.size(),
                                        m_maxFrameSize)))
        Q_EMIT frameReceived(message);
}

void WebSocketLink::handleDisconnected()
{
    if (!isOpen())
        return;
    std::optional<QString> socketError;
    if (m_socket->error() != QAbstractSocket::UnknownSocketError)
        socketError = m_socket->errorString();
    const WebSocketInput::Ending ending = WebSocketInput::onDisconnected(
        int(m_socket->closeCode()), m_socket->closeReason(), socketError);
    if (ending.fault)
        Q_EMIT faulted(*ending.fault);
    finish(ending.reason);
}

bool WebSocketLink::apply(const WebSocketInput::Verdict &verdict)
{
    if (!verdict.deliver)
        fail(verdict.fault.value_or(WebSocketFault::ProtocolError), verdict.closeCode,
             verdict.reason);
    return verdict.deliver;
}

void WebSocketLink::fail(WebSocketFault fault, QWebSocketProtocol::CloseCode code,
                         const QString &reason)
{
    if (!isOpen())
        return;
    qCInfo(lcIpLink) << "link" << id() << "to" << m_remoteAddress << "failed:" << reason;
    Q_EMIT faulted(fault);
    closeSocket(code, reason);
}

void WebSocketLink::closeSocket(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    // A closed() slot may delete this link, and the socket with it: touch only the guard after.
    const QPointer<QWebSocket> socket = m_socket;
    if (!finish(reason))
        return;
    if (socket && socket->state() == QAbstractSocket::ConnectedState)
        socket->close(code, reason); // Qt trims the reason to the 123 bytes a close frame holds
}
