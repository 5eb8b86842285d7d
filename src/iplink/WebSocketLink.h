// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <deque>

#include <QPointer>
#include <QWebSocketProtocol>

#include "Link.h"
#include "SendQueueGuard.h"
#include "WebSocketFault.h"
#include "WebSocketInput.h"

class Clock;
class QWebSocket;

/**
 * A Link over one WebSocket, accepted or dialed: one binary WebSocket message carries exactly one
 * bitchat packet frame. Owns the socket (as a QObject child).
 *
 * Anything else from the other end ends the link, and only this link: a text message (closed
 * with code 1003 and reason "text message"), a message over maxFrameSize (Qt refuses it before
 * it is buffered; code 1009, reason "frame too large"), invalid framing (code 1002, reason
 * "protocol error: …") or a socket failure ("socket error: …"). Each emits faulted() first.
 * Qt reports a refused frame only through the close code, so a 1009 or 1002 close the other end
 * sends us is counted the same way; a Meshcast node never sends either unprovoked.
 *
 * A close the other end starts gives the reason "remote closed: <its reason>". No keepalive:
 * a silently dead peer is noticed when TCP gives up.
 *
 * The send queue is what Qt holds for the socket (bytesToWrite(): frames the kernel did not
 * take yet because the other end does not read). A SendQueueGuard bounds it: relays are
 * refused above the relay bound, own frames at the hard cap, and a queue that stays full with
 * nothing written for the stuck time aborts the connection with Link::StuckReason, which frees
 * the buffer at once (issue 8 defect 5).
 */
class WebSocketLink final : public Link
{
    Q_OBJECT
public:
    /** Default largest frame, bytes: far above any bitchat packet (spec 01 caps v1 at 64 KiB). */
    static constexpr qsizetype DefaultMaxFrameSize = 64 * 1024;

    /**
     * Wraps @p socket, which must be connected, and takes it over as a child. @p remoteAddress
     * is what remoteAddress() shows (the dialed URL for outgoing links).
     */
    WebSocketLink(QWebSocket *socket, bool outgoing, const QString &remoteAddress, Clock &clock,
                  qsizetype maxFrameSize = DefaultMaxFrameSize,
                  const SendQueueGuard::Policy &sendQueue = {}, QObject *parent = nullptr);
    ~WebSocketLink() override;

    LinkType type() const override { return LinkType::Ip; }
    QString remoteAddress() const override { return m_remoteAddress; }
    qsizetype mtu() const override { return m_maxFrameSize; }

    SendResult send(const QByteArray &frame, SendPriority priority = SendPriority::Own) override;
    void close(const QString &reason) override;

    /** Bytes taken by send() (and Qt's own control frames) not yet handed to the kernel. */
    qint64 queuedBytes() const;
    /** Frames taken by send() not yet wholly handed to the kernel. */
    int queuedFrames() const { return int(m_pending.size()); }
    const SendQueueGuard &sendQueue() const { return m_sendQueue; }

Q_SIGNALS:
    /** The other end broke the rules (or the socket failed); closed() follows at once. */
    void faulted(WebSocketFault fault);

private:
    void handleBinaryMessage(const QByteArray &message);
    void handleDisconnected();
    void handleBytesWritten();
    void abortStuck();
    /** Closes the link unless @p verdict delivers; returns whether it does. */
    bool apply(const WebSocketInput::Verdict &verdict);
    void fail(WebSocketFault fault, QWebSocketProtocol::CloseCode code, const QString &reason);
    void closeSocket(QWebSocketProtocol::CloseCode code, const QString &reason);

    QPointer<QWebSocket> m_socket;
    const QString m_remoteAddress;
    const qsizetype m_maxFrameSize;
    std::deque<qint64>
        m_pending;             // bytes each queued frame took in the socket's buffer, oldest first
    qint64 m_pendingBytes = 0; // their sum
    SendQueueGuard m_sendQueue;
};
