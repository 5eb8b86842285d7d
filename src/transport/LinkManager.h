// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>

#include <QByteArray>
#include <QHash>
#include <QLatin1StringView>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include "Clock.h"
#include "PeerId.h"
#include "ReconnectBackoff.h"
#include "SendPriority.h"
#include "SendResult.h"

class Link;
class LinkTransport;
class QRandomGenerator;
class StaticPeerDialer;

/**
 * The single source of truth for this node's connections. It takes every link the transports
 * open, keeps at most linkLimit() of them, keeps one link per neighbouring node once the mesh has
 * told it who is on the other end, keeps configured static peers connected with backoff, and
 * counts closed links per reason.
 *
 * Slots go to links that are useful (issue 8 defect 4: idle connections must not lock newcomers
 * out). A link the mesh has not bound to a peer (bindRemotePeer(), from that neighbour's own
 * verified announce) within Config::announceDeadlineMs is closed with NoAnnounceReason. When
 * all slots are taken, a newcomer (of any transport: IP, a BLE central on our peripheral, a
 * peripheral we dialed) pushes out the least useful link, closed with EvictedReason:
 *   1. an unbound link that never delivered a frame, oldest first;
 *   2. then an unbound link that delivered frames but no announce, oldest first;
 *   3. then a bound link that delivered no frame for Config::idleAfterMs, longest silent first.
 * A bound link with traffic within idleAfterMs is never pushed out, and neither is an unbound
 * link younger than Config::evictionGraceMs, so a stranger reconnecting in a loop can replace
 * only its own stale connections, never an honest neighbour or a newcomer still announcing.
 * With no such link the newcomer is refused with LinkLimitReason, as before.
 *
 * Owns the links it accepted (as QObject children; each is deleted after linkRemoved()) and the
 * static peer dialers. Uses, does not own, the transports, the clock and the random generator,
 * which must outlive it. It never looks inside frames: deciding what to send is the mesh's job.
 */
class LinkManager : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultLinkLimit = 8;

    struct Config
    {
        int linkLimit = DefaultLinkLimit;
        /** A link not bound to a peer this long after it opened is closed, ms; <= 0: never. */
        qint64 announceDeadlineMs = 10'000;
        /** An unbound link this young is not pushed out for a newcomer, ms. */
        qint64 evictionGraceMs = 2'000;
        /**
         * A bound link that delivered no frame for this long may give way to a newcomer, ms.
         * Twice the longest announce period (spec: every 15-30 s while connected).
         */
        qint64 idleAfterMs = 60'000;
    };

    /** Reason given to links refused because linkCount() reached linkLimit(). */
    static constexpr QLatin1StringView LinkLimitReason{"link limit"};
    /** Reason given to the losing link when two links reach the same node. */
    static constexpr QLatin1StringView DuplicateLinkReason{"duplicate link"};
    /** Reason given to a link whose other end turned out to be this node. */
    static constexpr QLatin1StringView SelfLinkReason{"self link"};
    /** Reason given to a link no announce bound within Config::announceDeadlineMs. */
    static constexpr QLatin1StringView NoAnnounceReason{"no announce"};
    /** Reason given to the least useful link when a newcomer takes its slot. */
    static constexpr QLatin1StringView EvictedReason{"evicted"};

    /** @p random (for backoff jitter) must not be null. */
    LinkManager(const PeerId &localPeer, Clock &clock, QRandomGenerator *random,
                int linkLimit = DefaultLinkLimit, QObject *parent = nullptr);
    LinkManager(const PeerId &localPeer, Clock &clock, QRandomGenerator *random, Config config,
                QObject *parent = nullptr);
    ~LinkManager() override;

    PeerId localPeer() const { return m_localPeer; }

    /** Starts taking the links @p transport opens. Adding one twice is harmless. */
    void addTransport(LinkTransport *transport);

    /** The transports added, in the order they were added. */
    QList<LinkTransport *> transports() const;
    /** The open links, oldest first. */
    QList<Link *> links() const { return m_links; }
    int linkCount() const { return int(m_links.size()); }
    int linkLimit() const { return m_config.linkLimit; }
    const Config &config() const { return m_config; }
    /** Changes the limit for links opened from now on; open links are kept even when over it. */
    void setLinkLimit(int limit);
    /** How many more links would be accepted now; 0 when at or over the limit. */
    int availableSlots() const;
    /** The open link bound to @p peer, or nullptr. */
    Link *linkToPeer(const PeerId &peer) const;

    /** Schedule for static peers added from now on. */
    void setReconnectPolicy(const ReconnectBackoff::Policy &policy) { m_reconnectPolicy = policy; }
    /**
     * Keeps @p address reachable through @p transport: dials it now, and whenever a dial fails
     * or its link ends, dials again after the backoff delay (reset once a link lasted
     * Policy::resetAfterMs). While another link reaches the same node it does not redial.
     */
    void addStaticPeer(LinkTransport *transport, const QString &address);

    /**
     * Records that @p remote is the node on the other end of @p link, learned by the mesh from
     * that neighbour's own announce. Keeps one link per node: when another open link is bound to
     * @p remote, the survivor is the link dialed by the node with the lower peer ID (ours when
     * localPeer() < @p remote, else the incoming one) and the other is closed with
     * DuplicateLinkReason. Both nodes applying this rule close the same connection. Two links in
     * the same direction (a rare double dial) keep the one bound first. A link to ourselves is
     * closed with SelfLinkReason. Binding a link again to the same node does nothing. A bound
     * link is past its announce deadline for good.
     */
    void bindRemotePeer(Link *link, const PeerId &remote);

    /**
     * Sends @p frame over @p link if it is one of ours and open (else Closed); the link may
     * refuse it (Link::send()). QueueFull answers are counted per priority.
     */
    SendResult sendTo(Link *link, const QByteArray &frame,
                      SendPriority priority = SendPriority::Own);
    /** Sends @p frame over every open link but @p except; returns how many links took it. */
    int broadcast(const QByteArray &frame, Link *except = nullptr,
                  SendPriority priority = SendPriority::Own);
    /** How many frames at @p priority links refused because their send queue was full. */
    quint64 queueFullCount(SendPriority priority) const { return m_queueFull[size_t(priority)]; }

    /** How many links closed, or were refused, with exactly @p reason. */
    quint64 closedCount(const QString &reason) const { return m_closedCounts.value(reason); }
    QHash<QString, quint64> closedCounts() const { return m_closedCounts; }

Q_SIGNALS:
    void linkAdded(Link *link);
    /** @p link has closed; it stays valid until control returns to the event loop. */
    void linkRemoved(Link *link, const QString &reason);
    void frameReceived(Link *link, const QByteArray &frame);
    /** linkCount() or availableSlots() changed. */
    void countChanged();
    /** A transport was added or changed its state(). */
    void transportsChanged();

private:
    struct Usage
    {
        qint64 openedAtMs = 0;
        qint64 lastFrameMs = -1; // -1: no frame yet
        Clock::TimerId announceDeadline = 0;
    };

    void takeLink(LinkTransport *transport, Link *link);
    bool makeRoomFor(const Link *newcomer);
    Link *leastUsefulLink() const;
    void expireUnbound(Link *link);
    void refuseLink(LinkTransport *transport, Link *link, const QString &reason);
    void dropLink(Link *link, const QString &reason);
    void handleDialFailed(LinkTransport *transport, const QString &address, const QString &reason);
    Link *survivorOf(Link *first, Link *second, const PeerId &remote) const;
    StaticPeerDialer *dialerOf(const Link *link) const;

    const PeerId m_localPeer;
    Clock &m_clock;
    QRandomGenerator *m_random;
    Config m_config;
    ReconnectBackoff::Policy m_reconnectPolicy;
    QList<QPointer<LinkTransport>> m_transports;
    QList<Link *> m_links;                  // open links, our children
    QList<StaticPeerDialer *> m_dialers;    // our children
    QHash<QString, quint64> m_closedCounts; // reason -> links closed or refused with it
    QHash<const Link *, Usage> m_usage;     // one per open link
    std::array<quint64, 2> m_queueFull{};   // per SendPriority
};
