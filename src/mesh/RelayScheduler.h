// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>

#include <QHash>
#include <QObject>
#include <QPointer>

#include "Packet.h"
#include "RelayRateLimiter.h"
#include "RouterCounters.h"
#include "SendPriority.h"
#include "TokenBuckets.h"

class Clock;
class Link;
class LinkManager;
class PeerTable;
class QRandomGenerator;

/**
 * Decides where an accepted packet goes next and when (spec 05 §1.3–§1.4): relay limits, split
 * horizon, link collapse and fanout subsetting, a short random jitter, and cancellation of the
 * copy for any link that delivered the same packet meanwhile. Sends this node's own packets too,
 * fragmenting where a link's MTU needs it (spec 02 §3).
 *
 * Bounded: at most Config::maxPendingRelays relays wait at once (more are shed and counted), and
 * a waiting relay keeps only its encoded frame, never an inflated payload. One clock timer serves
 * every waiting relay (a deadline queue). Uses, does not own, the LinkManager, the PeerTable and
 * the Clock; writes to the RouterCounters it is given.
 */
class RelayScheduler : public QObject
{
    Q_OBJECT
public:
    struct Config
    {
        qint64 jitterMinMs = 10;
        qint64 jitterMaxMs = 220;
        qint64 thinChainJitterMaxMs = 50; ///< degree ≤ 2: each hop adds latency, keep it short
        int maxPendingRelays = 4096;
        /** Relays of packets nobody signed (fragments, unknown types) per incoming link. */
        TokenBuckets<quint64>::Rate unauthenticatedPerLink{200.0, 400.0};
    };

    /** Whether the packet's sender was authenticated (a verified signature) or merely claimed. */
    enum class Origin
    {
        Verified,
        Unauthenticated,
    };

    RelayScheduler(const PeerId &self, LinkManager &links, const PeerTable &peers, Clock &clock,
                   QRandomGenerator *random, Config config, RouterCounters &counters,
                   QObject *parent = nullptr);
    ~RelayScheduler() override;

    /** Queues @p packet (received on @p arrivedOn) for relaying after its jitter, if due. */
    void schedule(const Packet &packet, const QByteArray &packetId, Link *arrivedOn, Origin origin);
    /** @p link delivered @p packetId itself: it needs no copy from us. */
    void cancelTo(const QByteArray &packetId, Link *link);
    /** Sends an own @p packet to every open link now; returns how many links took it. */
    int sendToAll(const Packet &packet);
    /** Sends @p packet to @p link now; true when the link took it (every fragment of it). */
    bool sendTo(Link *link, const Packet &packet, SendPriority priority = SendPriority::Own);

    int pendingCount() const { return int(m_pending.size()); }
    /** Forgets what is kept per link (its relay budget) once it is gone. */
    void forgetLink(Link *link);

Q_SIGNALS:
    /** A relay went out (countersChanged for the router). */
    void relayed();

private:
    struct PendingRelay
    {
        QByteArray frame;
        Packet header; ///< the forwarded packet without its payload, to fragment the frame
        QList<QPointer<Link>> targets;
        std::multimap<qint64, QByteArray>::iterator deadline;
    };

    QList<QPointer<Link>> targetsFor(const Packet &packet, const QByteArray &packetId,
                                     Link *arrivedOn) const;
    bool isLeaf(const Link *link) const;
    bool send(Link *link, const Packet &header, const QByteArray &frame, SendPriority priority);
    void armTimer();
    void flushDue();
    void erase(QHash<QByteArray, PendingRelay>::iterator it);

    const PeerId m_self;
    LinkManager &m_links;
    const PeerTable &m_peers;
    Clock &m_clock;
    QRandomGenerator *m_random;
    Config m_config;
    RouterCounters &m_counters;
    RelayRateLimiter m_perSender;
    TokenBuckets<quint64> m_unauthenticatedPerLink;
    QHash<QByteArray, PendingRelay> m_pending; // by PacketId
    std::multimap<qint64, QByteArray> m_deadlines;
    quint64 m_timer = 0;
    qint64 m_timerDeadline = -1;
};
