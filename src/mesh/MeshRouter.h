// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QHash>
#include <QObject>

#include "FragmentReassembler.h"
#include "PacketCodec.h"
#include "RejectionCounters.h"
#include "RelayScheduler.h"
#include "RouterCounters.h"
#include "SeenFrameCache.h"
#include "SeenPacketCache.h"
#include "TokenBuckets.h"
#include "UnverifiedPacketQueue.h"

class Clock;
class Link;
class LinkManager;
class PeerTable;
class QRandomGenerator;

/**
 * Decides what of the mesh's traffic this node accepts (spec 05 §1): takes every frame the links
 * deliver, decodes it, drops what it has seen, verifies announces, messages and leaves against the
 * signing key bound to their sender, hands what is new and genuine to the node, and gives it to the
 * RelayScheduler to pass on. Fragments are relayed as they are and reassembled for local use.
 *
 * Every byte is hostile (issue 8, docs/SECURITY.md): each link has an ingress budget spent before
 * any decoding, so one link cannot starve the others; a packet enters the seen cache only once it
 * is verified, so an invalid copy cannot shadow the genuine one; a reassembled packet is never
 * itself a fragment, and nothing recurses on peer data; payloads are capped per type; each
 * verified sender has an acceptance budget and each link a budget of new identities.
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
        RelayScheduler::Config relay;
        qint64 housekeepingIntervalMs = 1000;
        /** Frames any one link may hand us, before decoding (far above honest traffic). */
        TokenBuckets<quint64>::Rate ingressPerLink{1000.0, 2000.0};
        /** Public messages accepted from one verified sender (a paste of 100 lines passes). */
        TokenBuckets<PeerId>::Rate messagesPerSender{20.0, 120.0};
        /** Identities never seen before that one link may introduce. */
        TokenBuckets<quint64>::Rate newPeersPerLink{4.0, 128.0};
    };

    enum class HistoryVerdict
    {
        New,   ///< recorded now
        Known, ///< already in the history: a replay
    };
    /**
     * Records a verified public message with its decoded @p text in the history, answering in
     * the same step whether it was there already: one question per message (the insert's
     * conflict result), asked only once the message passed every other check.
     */
    using HistoryRecorder = std::function<HistoryVerdict(
        const Packet &packet, const QByteArray &packetId, const QString &text, int hops)>;

    MeshRouter(const PeerId &self, LinkManager &links, PeerTable &peers, Clock &clock,
               QRandomGenerator *random, QObject *parent = nullptr);
    MeshRouter(const PeerId &self, LinkManager &links, PeerTable &peers, Clock &clock,
               QRandomGenerator *random, Config config, QObject *parent = nullptr);
    ~MeshRouter() override;

    void setHistoryRecorder(HistoryRecorder recorder) { m_history = std::move(recorder); }

    /**
     * Sends a packet this node authored to every open link (fragmenting where a link's MTU
     * needs it) and remembers it as seen so echoes are dropped. Returns how many links took it.
     */
    int originate(const Packet &packet);
    /** Sends a packet this node authored to one link only (e.g. an announce to a new neighbour). */
    void originateTo(Link *link, const Packet &packet);

    const RouterCounters &counters() const { return m_counters; }
    const RejectionCounters &rejections() const { return m_rejections; }
    /** Relays waiting for their jitter to pass. */
    int pendingRelayCount() const { return m_relays.pendingCount(); }
    /** Bytes held by fragment streams still being reassembled. */
    qsizetype reassemblyBytes() const { return m_reassembler.bufferedBytes(); }
    /** Packets waiting for their sender's announce. */
    int unverifiedCount() const { return m_unverified.size(); }

    /** Hop count of a packet received with @p ttl, assuming the originator sent TTL 7. */
    static int hopsFor(quint8 ttl);
    /** The codec limits the router decodes with: payload caps per type (docs/SECURITY.md). */
    static PacketCodec::Limits codecLimits();

Q_SIGNALS:
    /** A verified public message, new to this node (and recorded), received over @p linkId. */
    void messageAccepted(const Packet &packet, int hops, quint64 linkId);
    /** A verified leave from a present peer: it is already removed from the PeerTable. */
    void leaveAccepted(const PeerId &sender);
    void countersChanged();

private:
    void handleFrame(Link *link, const QByteArray &frame);
    void handleFragment(const Packet &packet, const QByteArray &id, Link *link);
    void handleReassembled(const Packet &inner, Link *link);
    bool isDuplicate(const QByteArray &id, Link *link);
    void acceptAnnounce(const Packet &packet, const QByteArray &id, Link *link, bool relay);
    void acceptSigned(const Packet &packet, const QByteArray &id, Link *link, bool relay);
    void acceptMessage(const Packet &packet, const QByteArray &id, Link *link, bool relay);
    void relay(const Packet &packet, const QByteArray &id, Link *link, bool verified);
    void shareAnnouncesWith(Link *link);
    void forgetLink(Link *link);
    void housekeeping();

    const PeerId m_self;
    LinkManager &m_links;
    PeerTable &m_peers;
    Clock &m_clock;
    Config m_config;
    HistoryRecorder m_history;

    RouterCounters m_counters;
    RejectionCounters m_rejections;
    PacketCodec m_codec;
    SeenPacketCache m_seen;
    SeenFrameCache m_seenFrames;
    FragmentReassembler m_reassembler;
    UnverifiedPacketQueue m_unverified;
    RelayScheduler m_relays;
    TokenBuckets<quint64> m_ingress;
    TokenBuckets<PeerId> m_messagesPerSender;
    TokenBuckets<quint64> m_newPeers;
    QHash<PeerId, Packet> m_latestAnnounces; // of present peers, as received
    quint64 m_housekeepingTimer = 0;
};
