// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QtGlobal>

/**
 * A WebSocket client that stops reading (issue 8, attack 5): a plain TCP socket with a tiny
 * receive buffer, so its window closes almost at once, that completes the opening handshake
 * (RFC 6455 §4.1), may send frames, and never reads again. Qt's socket classes read whatever
 * arrives, so this one speaks the few bytes of the protocol it needs itself: a client handshake
 * and masked binary frames (RFC 6455 §5.2–5.3). Owns the descriptor; loopback only.
 */
class StalledConnection
{
public:
    StalledConnection() = default;
    StalledConnection(const StalledConnection &) = delete;
    StalledConnection &operator=(const StalledConnection &) = delete;
    ~StalledConnection();

    /**
     * Connects to 127.0.0.1:@p port with SO_RCVBUF = @p receiveBufferBytes and completes the
     * handshake; false when the server did not answer 101 within @p timeoutMs.
     */
    bool open(quint16 port, int receiveBufferBytes, int timeoutMs);
    /** Sends one binary message; false when it could not be written at once (or whole). */
    bool sendFrame(const QByteArray &payload);
    /** True when the node hung up (reset, or the end of the stream reached this end). */
    bool peerHungUp() const;
    void close();

private:
    int m_fd = -1;
};
