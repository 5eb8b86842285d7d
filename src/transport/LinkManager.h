// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QLatin1StringView>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include "PeerId.h"
#include "ReconnectBackoff.h"

class Clock;
class Link;
class LinkTransport;
class QRandomGenerator;
class StaticPeerDialer;

/**
 * The single source of truth for this node's connections. It takes every link the transports
 * open, refuses links beyond the limit, keeps one link per neighbouring node once the mesh has
 * told it who is on the other end, keeps configured static peers connected with backoff, and
 * counts closed links per reason.
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
    /** Reason given to links refused because linkCount() reached linkLimit(). */
    static constexpr QLatin1StringView LinkLimitReason{"link limit"};
    /** Reason given to the losing link when two links reach the same node. */
    static constexpr QLatin1StringView DuplicateLinkReason{"duplicate link"};
    /** Reason given to a link whose other end turned out to be this node. */
    static constexpr QLatin1StringView SelfLinkReason{"self link"};

    /** @p random (for backoff jitter) must not be null. */
    LinkManager(const PeerId &localPeer, Clock &clock, QRandomGenerator *random,
                int linkLimit = DefaultLinkLimit, QObject *parent = nullptr);
    ~LinkManager() override;

    PeerId localPeer() const { return m_localPeer; }

    /** Starts taking the links @p transport opens. Adding one twice is harmless. */
    void addTransport(LinkTransport *transport);

    /** The transports added, in the order they were added. */
    QList<LinkTransport *> transports() const;
    /** The open links, oldest first. */
    QList<Link *> links() const { return m_links; }
    int linkCount() const { return int(m_links.size()); }
    int linkLimit() const { return m_linkLimit; }
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
     * closed with SelfLinkReason. Binding a link again to the same node does nothing.
     */
    void bindRemotePeer(Link *link, const PeerId &remote);

    /** Sends @p frame over @p link if it is one of ours and open. */
    bool sendTo(Link *link, const QByteArray &frame);
    /** Sends @p frame over every open link but @p except; returns how many links it went to. */
    int broadcast(const QByteArray &frame, Link *except = nullptr);

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
    void takeLink(LinkTransport *transport, Link *link);
    void refuseLink(LinkTransport *transport, Link *link, const QString &reason);
    void dropLink(Link *link, const QString &reason);
    void handleDialFailed(LinkTransport *transport, const QString &address, const QString &reason);
    Link *survivorOf(Link *first, Link *second, const PeerId &remote) const;
    StaticPeerDialer *dialerOf(const Link *link) const;

    const PeerId m_localPeer;
    Clock &m_clock;
    QRandomGenerator *m_random;
    int m_linkLimit;
    ReconnectBackoff::Policy m_reconnectPolicy;
    QList<QPointer<LinkTransport>> m_transports;
    QList<Link *> m_links;                  // open links, our children
    QList<StaticPeerDialer *> m_dialers;    // our children
    QHash<QString, quint64> m_closedCounts; // reason -> links closed or refused with it
};
