// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QByteArray>
#include <QLatin1StringView>
#include <QObject>
#include <QString>

#include "LinkType.h"
#include "PeerId.h"
#include "SendPriority.h"
#include "SendResult.h"

/**
 * One connection to one neighbouring node, carrying whole bitchat packet frames (spec 01): one
 * send() is one frame, one frameReceived() is one frame. A Link owns its connection (socket, GATT
 * handle) and nothing above it; it never decodes what it carries.
 *
 * Lifecycle: a link is open from construction until it closes, locally through close() or because
 * the connection ended. It then emits closed() exactly once and never sends or receives again.
 * Who deletes it is stated by the transport that made it (see LinkTransport).
 */
class Link : public QObject
{
    Q_OBJECT
public:
    ~Link() override;

    /** Unique among all links of this process, never reused; for logs and lookups. */
    quint64 id() const { return m_id; }
    virtual LinkType type() const = 0;
    /** True when this node dialed the connection, false when it accepted it. */
    bool isOutgoing() const { return m_outgoing; }
    /**
     * The other end, for display. For an outgoing link it is exactly the address passed to
     * LinkTransport::dial(), so a dialer can recognise its own link.
     */
    virtual QString remoteAddress() const = 0;
    /** The largest frame, in bytes, one send() can carry. */
    virtual qsizetype mtu() const = 0;
    /** Received signal strength in dBm, where the medium has one (BLE); nullopt otherwise. */
    virtual std::optional<int> rssi() const { return std::nullopt; }

    /** Reason a link gives when its send queue stayed full with nothing leaving (issue 8). */
    static constexpr QLatin1StringView StuckReason{"send queue stuck"};

    bool isOpen() const { return !m_closed; }
    /** The node on the other end, once LinkManager::bindRemotePeer() learned it. */
    std::optional<PeerId> remotePeer() const { return m_remotePeer; }
    /** Records which node is on the other end; called by LinkManager only. */
    void setRemotePeer(const PeerId &peer) { m_remotePeer = peer; }

    /**
     * Queues @p frame for the other end and says whether it did. Refused (and logged) when closed,
     * over mtu(), or when the link's bounded send queue is too full for @p priority: relays are
     * refused first, own frames only at the hard cap (see SendQueueGuard). A link whose queue
     * stays full with nothing leaving closes itself with reason StuckReason.
     */
    virtual SendResult send(const QByteArray &frame, SendPriority priority = SendPriority::Own) = 0;
    /** Ends the connection, telling the other end @p reason where the medium allows. */
    virtual void close(const QString &reason) = 0;

Q_SIGNALS:
    void frameReceived(const QByteArray &frame);
    /** The link ended; @p reason is the local close() reason or what ended the connection. */
    void closed(const QString &reason);
    void rssiChanged();

protected:
    explicit Link(bool outgoing, QObject *parent = nullptr);

    /**
     * Marks the link closed and emits closed(@p reason), the first time only; implementations
     * call it from close() and when their connection ends. Returns false if already closed.
     */
    bool finish(const QString &reason);

private:
    const quint64 m_id;
    const bool m_outgoing;
    bool m_closed = false;
    std::optional<PeerId> m_remotePeer;
};
