// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

#include "FragmentReassembler.h"
#include "PacketCodec.h"
#include "RejectionCounters.h"
#include "RelayRateLimiter.h"
#include "RouterCounters.h"
#include "SeenPacketCache.h"
#include "SendPriority.h"
#include "UnverifiedPacketQueue.h"

class Clock;
class Link;
class LinkManager;
class PeerTable;
class QRandomGenerator;

/**
 * Floods packets through the mesh (spec 05 §1): takes every frame the links deliver, decodes it,
 * drops what it has seen, verifies announces, messages and leaves against the signing key bound
 * to their sender, hands what is new and genuine to the node, and relays it after a short random
 * jitter to the links the relay policy picks — cancelling the copy for any link that delivered the
 * same packet meanwhile. Fragments are relayed as they are and reassembled for local use.
 *
 * Uses (does not own) the LinkManager, the PeerTable and the Clock. Never shows anything: it
 * only emits what was accepted. Nothing forged, replayed or out of TTL is accepted or relayed.
 */
class MeshRouter : public QObject
{
    Q_OBJECT
public:
    struct Config
    {
        qint64 jitterMinMs = 10;
        qint64 jitterMaxMs = 220;
        qint64 thinChainJitterMaxMs = 50; ///< degree ≤ 2: each hop adds latency, keep it short
        qint64 housekeepingIntervalMs = 1000;
    };

    /** Answers whether a message with this PacketId is already in the history (replay check). */
    using HistoryLookup = std::function<bool(const QByteArray &packetId)>;

    MeshRouter(const PeerId &self, LinkManager &links, PeerTable &peers, Clock &clock,
               QRandomGenerator *random, QObject *parent = nullptr);
    MeshRouter(const PeerId &self, LinkManager &links, PeerTable &peers, Clock &clock,
               QRandomGenerator *random, Config config, QObject *parent = nullptr);
    ~MeshRouter() override;

    void setHistoryLookup(HistoryLookup lookup) { m_historyLookup = std::move(lookup); }

    /**
     * Sends a packet this node authored to every open link (fragmenting where a link's MTU
     * needs it) and remembers it as seen so echoes are dropped. Returns how many links it went to.
     */
    int originate(const Packet &packet);
    /** Sends a packet this node authored to one link only (e.g. an announce to a new neighbour). */
    void originateTo(Link *link, const Packet &packet);

    const RouterCounters &counters() const { return m_counters; }
    const RejectionCounters &rejections() const { return m_rejections; }
    /** Relays waiting for their jitter to pass. */
    int pendingRelayCount() const { return int(m_pendingRelays.size()); }

    /** Hop count of a packet received with @p ttl, assuming the originator sent TTL 7. */
    static int hopsFor(quint8 ttl);

Q_SIGNALS:
    /** A verified public message, new to this node, received over @p linkId. */
    void messageAccepted(const Packet &packet, int hops, quint64 linkId);
    /** A verified leave from a present peer: it is already removed from the PeerTable. */
    void leaveAccepted(const PeerId &sender);
    void countersChanged();

private:
    struct PendingRelay
    {
        QByteArray frame;
        Packet packet;
        QList<QPointer<Link>> targets;
        quint64 timerId = 0;
    };

    void handleFrame(Link *link, const QByteArray &frame);
    void handlePacket(const Packet &packet, Link *link, bool relay);
    void handleFragment(const Packet &packet, Link *link);
    void acceptAnnounce(const Packet &packet, Link *link, bool relay);
    void acceptSigned(const Packet &packet, Link *link, bool relay);
    void scheduleRelay(const Packet &packet, const QByteArray &packetId, Link *arrivedOn);
    bool isLeaf(const Link *link) const;
    void shareAnnouncesWith(Link *link);
    void cancelRelayTo(const QByteArray &packetId, Link *link);
    void flushRelay(const QByteArray &packetId);
    void send(Link *link, const Packet &packet, const QByteArray &frame, SendPriority priority);
    void housekeeping();

    const PeerId m_self;
    LinkManager &m_links;
    PeerTable &m_peers;
    Clock &m_clock;
    QRandomGenerator *m_random;
    Config m_config;
    HistoryLookup m_historyLookup;

    RejectionCounters m_rejections;
    PacketCodec m_codec;
    SeenPacketCache m_seen;
    RelayRateLimiter m_rateLimiter;
    FragmentReassembler m_reassembler;
    UnverifiedPacketQueue m_unverified;
    QHash<QByteArray, PendingRelay> m_pendingRelays; // by PacketId
    QHash<PeerId, Packet> m_latestAnnounces;         // of present peers, as received
    RouterCounters m_counters;
    quint64 m_housekeepingTimer = 0;
};
