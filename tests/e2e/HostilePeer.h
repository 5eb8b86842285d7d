// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <optional>

#include <QHash>
#include <QObject>
#include <QString>

#include "AnnouncePayload.h"
#include "Identity.h"
#include "Packet.h"
#include "PacketCodec.h"

class QWebSocket;

/**
 * An attacker on one WebSocket link to a `meshcast --headless` node on loopback (issue 8): it
 * dials the node like any neighbour, then sends whatever frames the test crafts (PacketForge) and
 * records what the node sends it. It has an identity of its own, which it may announce or not.
 * Owns its socket; knows nothing of the node's process (HeadlessNode does).
 */
class HostilePeer : public QObject
{
    Q_OBJECT
public:
    explicit HostilePeer(QObject *parent = nullptr);
    ~HostilePeer() override;

    const Identity &identity() const { return m_identity; }
    PeerId peerId() const { return m_identity.peerId(); }

    /** Opens the link to @p url (ws://127.0.0.1:PORT); false when not open within the bound. */
    bool connectTo(const QString &url, int timeoutMs = 10000);
    bool isConnected() const;
    /** True once the node (or the network) ended a link that was open. */
    bool wasDisconnected() const { return m_disconnected; }
    void close();

    /** Sends a genuine announce of this peer's identity at TTL 7: the node binds the link to it. */
    void announce(const QString &nick);
    /** Sends @p packet as it is (the wire form, padded for Noise types). */
    void send(const Packet &packet);
    void sendFrame(const QByteArray &frame);
    /** Bytes handed to send() that the socket has not written yet. */
    qint64 bytesToWrite() const;
    /** Waits until everything sent so far is written to the socket. */
    bool flush(int timeoutMs = 10000);

    /** A timestamp for this peer's own packets: now, and strictly increasing. */
    quint64 nextTimestamp();

    qint64 framesReceived() const { return m_framesReceived; }
    /** The latest announce that reached this link claiming @p peer (directly or relayed). */
    std::optional<AnnouncePayload> announceOf(const PeerId &peer) const;

Q_SIGNALS:
    /** A frame from the node that decodes as a packet. */
    void packetReceived(const Packet &packet);
    /** The socket wrote some of what was sent (for floods that keep the queue short). */
    void bytesWritten();

private:
    void handleFrame(const QByteArray &frame);

    Identity m_identity;
    std::unique_ptr<QWebSocket> m_socket;
    PacketCodec m_codec;
    QHash<PeerId, AnnouncePayload> m_announces;
    qint64 m_framesReceived = 0;
    quint64 m_lastTimestamp = 0;
    bool m_disconnected = false;
};
