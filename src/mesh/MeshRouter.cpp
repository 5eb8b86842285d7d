// SPDX-License-Identifier: GPL-3.0-or-later
#include "MeshRouter.h"

#include <QRandomGenerator>

#include "AnnouncePayload.h"
#include "Clock.h"
#include "FragmentPayload.h"
#include "FrameDigest.h"
#include "Link.h"
#include "LinkManager.h"
#include "MeshLog.h"
#include "PacketId.h"
#include "PacketSigner.h"
#include "PeerTable.h"
#include "PublicMessagePayload.h"
#include "RelayPolicy.h"

namespace {
constexpr int MaxTrackedLinks = 256;
constexpr int MaxTrackedSenders = 4096;
/** Far above any real announce (nickname ≤ 255 bytes, two keys, ≤ 10 neighbours). */
constexpr qsizetype MaxAnnounceBytes = 1024;
constexpr qsizetype MaxLeaveBytes = 256;
/** A fragment carries one chunk of a frame: never more than a v1 payload. */
constexpr qsizetype MaxFragmentBytes = 0xFFFF;
/** Types Meshcast only relays: bounded so an unknown type cannot inflate to megabytes either. */
constexpr qsizetype MaxOtherPayloadBytes = 256 * 1024;
constexpr int SeenCapacity = 16384;
} // namespace

MeshRouter::MeshRouter(const PeerId &self, LinkManager &links, PeerTable &peers, Clock &clock,
                       QRandomGenerator *random, QObject *parent)
    : MeshRouter(self, links, peers, clock, random, Config{}, parent)
{}

MeshRouter::MeshRouter(const PeerId &self, LinkManager &links, PeerTable &peers, Clock &clock,
                       QRandomGenerator *random, Config config, QObject *parent)
    : QObject(parent)
    , m_self(self)
    , m_links(links)
    , m_peers(peers)
    , m_clock(clock)
    , m_config(config)
    , m_codec(&m_rejections, codecLimits())
    , m_seen(SeenCapacity)
    , m_seenFrames(SeenCapacity, SeenPacketCache::DefaultExpiryMs)
    , m_reassembler(&m_rejections)
    , m_relays(self, links, peers, clock, random, config.relay, m_counters)
    , m_ingress(config.ingressPerLink, MaxTrackedLinks)
    , m_messagesPerSender(config.messagesPerSender, MaxTrackedSenders)
    , m_newPeers(config.newPeersPerLink, MaxTrackedLinks)
{
    connect(&m_links, &LinkManager::frameReceived, this, &MeshRouter::handleFrame);
    connect(&m_links, &LinkManager::linkAdded, this, &MeshRouter::shareAnnouncesWith);
    connect(&m_peers, &PeerTable::peerLeft, this,
            [this](const PeerInfo &peer) { m_latestAnnounces.remove(peer.id); });
    connect(&m_links, &LinkManager::linkRemoved, this, &MeshRouter::forgetLink);
    connect(&m_relays, &RelayScheduler::relayed, this, &MeshRouter::countersChanged);
    housekeeping();
}

MeshRouter::~MeshRouter()
{
    m_clock.cancel(m_housekeepingTimer);
}

int MeshRouter::hopsFor(quint8 ttl)
{
    return std::clamp(int(Packet::DefaultTtl) - int(ttl) + 1, 1, int(Packet::DefaultTtl) + 1);
}

PacketCodec::Limits MeshRouter::codecLimits()
{
    PacketCodec::Limits limits;
    limits.maxDecompressedSize = MaxOtherPayloadBytes;
    // Received public messages get the cap composed ones have (issue 8, defect 6).
    limits.maxPayloadByType = {
        {quint8(MessageType::Announce), MaxAnnounceBytes},
        {quint8(MessageType::Message), PublicMessagePayload::MaxBytes},
        {quint8(MessageType::Leave), MaxLeaveBytes},
        {quint8(MessageType::Fragment), MaxFragmentBytes},
    };
    return limits;
}

int MeshRouter::originate(const Packet &packet)
{
    m_seen.insert(PacketId::of(packet), m_clock.monotonicMs());
    return m_relays.sendToAll(packet);
}

void MeshRouter::originateTo(Link *link, const Packet &packet)
{
    m_seen.insert(PacketId::of(packet), m_clock.monotonicMs());
    m_relays.sendTo(link, packet);
}

void MeshRouter::handleFrame(Link *link, const QByteArray &frame)
{
    ++m_counters.framesReceived;
    // Spent before any decoding or verifying: a link flooding us cannot take the CPU that
    // every other link's traffic needs (issue 8, defect 7).
    if (!m_ingress.allow(link->id(), m_clock.monotonicMs())) {
        ++m_counters.ingressDropped;
        qCDebug(lcMesh) << "ingress budget spent on link" << link->id();
        return;
    }
    // A copy of a handled packet is known by its bytes: no decoding, no inflating.
    const qint64 now = m_clock.monotonicMs();
    const QByteArray digest = FrameDigest::of(frame);
    if (const QByteArray seenId = m_seenFrames.find(digest, now); !seenId.isEmpty()) {
        ++m_counters.duplicates;
        m_relays.cancelTo(seenId, link);
        return;
    }
    const auto packet = m_codec.decode(frame);
    if (!packet) {
        qCDebug(lcMesh) << "undecodable frame on link" << link->id() << "("
                        << codecErrorName(packet.error()) << ")";
        Q_EMIT countersChanged();
        return;
    }
    const QByteArray id = PacketId::of(*packet);
    if (isDuplicate(id, link) || packet->senderId == m_self) {
        m_seenFrames.insert(digest, id, now);
        Q_EMIT countersChanged();
        return; // seen, or our own packet coming back after the seen-cache window
    }
    switch (packet->messageType()) {
    case MessageType::Fragment:
        handleFragment(*packet, id, link);
        break;
    case MessageType::Announce:
        acceptAnnounce(*packet, id, link, true);
        break;
    case MessageType::Message:
    case MessageType::Leave:
        acceptSigned(*packet, id, link, true);
        break;
    default:
        // Types Meshcast does not act on (Noise, sync, files, …): pass them on for the peers
        // that do, never show them. requestSync is suppressed by the relay policy.
        ++m_counters.notForUs;
        m_seen.insert(id, m_clock.monotonicMs());
        if (!(packet->recipientId && *packet->recipientId == m_self))
            relay(*packet, id, link, false);
        break;
    }
    // Handled for good (verified, or unsigned): the same bytes again are a duplicate.
    if (m_seen.contains(id, now))
        m_seenFrames.insert(digest, id, now);
    Q_EMIT countersChanged();
}

bool MeshRouter::isDuplicate(const QByteArray &id, Link *link)
{
    if (!m_seen.contains(id, m_clock.monotonicMs()))
        return false;
    ++m_counters.duplicates;
    m_relays.cancelTo(id, link);
    return true;
}

void MeshRouter::handleFragment(const Packet &packet, const QByteArray &id, Link *link)
{
    // Fragments are not signed: the ID is all there is to de-duplicate them by.
    m_seen.insert(id, m_clock.monotonicMs());
    const auto fragment = FragmentPayload::decode(packet.payload);
    if (!fragment) {
        ++m_counters.badPayload;
        return;
    }
    // A fragment of a fragment is never sent by an honest peer (spec 02 §3: fragments carry
    // whole packets). Refused before buffering, and not relayed: one nested frame once took a
    // node to gigabytes and then every neighbour with it (issue 8, defect 1).
    if (fragment->originalType == quint8(MessageType::Fragment)) {
        ++m_counters.nestedFragments;
        qCDebug(lcMesh) << "nested fragment from" << packet.senderId.toHex() << "refused";
        return;
    }
    const auto result = m_reassembler.add(packet.senderId, *fragment, m_clock.monotonicMs());
    if (!result)
        return;
    std::optional<Packet> inner;
    if (result->has_value()) {
        const auto decoded = m_codec.decode(result->value().frame);
        if (!decoded || decoded->senderId != packet.senderId ||
            decoded->messageType() == MessageType::Fragment) {
            ++m_counters.badPayload;
            qCDebug(lcMesh) << "reassembled frame from" << packet.senderId.toHex() << "refused";
            return;
        }
        inner = *decoded;
    }
    // The fragments themselves are relayed; the reassembled packet is for this node only.
    relay(packet, id, link, false);
    if (inner)
        handleReassembled(*inner, link);
}

void MeshRouter::handleReassembled(const Packet &inner, Link *link)
{
    // Handled once, without recursion: the inner packet is known not to be a fragment.
    const QByteArray id = PacketId::of(inner);
    if (isDuplicate(id, link) || inner.senderId == m_self)
        return;
    switch (inner.messageType()) {
    case MessageType::Announce:
        acceptAnnounce(inner, id, link, false);
        return;
    case MessageType::Message:
    case MessageType::Leave:
        acceptSigned(inner, id, link, false);
        return;
    default:
        ++m_counters.notForUs;
        m_seen.insert(id, m_clock.monotonicMs());
        return;
    }
}

void MeshRouter::acceptAnnounce(const Packet &packet, const QByteArray &id, Link *link, bool relay)
{
    const auto announce = AnnouncePayload::decode(packet.payload);
    if (!announce) {
        ++m_counters.badPayload;
        m_rejections.record(announce.error(), packet.payload.size());
        return;
    }
    if (PeerId::fromNoisePublicKey(announce->noisePublicKey) != packet.senderId ||
        !PacketSigner::verify(packet, announce->signingPublicKey)) {
        ++m_counters.forged;
        qCDebug(lcMesh) << "forged announce claiming" << packet.senderId.toHex();
        return;
    }
    // Verified: only now may it shadow later copies (issue 8, defect 3).
    const qint64 now = m_clock.monotonicMs();
    m_seen.insert(id, now);
    const auto known = m_peers.bindings().check(packet.senderId, announce->signingPublicKey);
    if (known == PeerBindings::Check::Unknown && !m_newPeers.allow(link ? link->id() : 0, now)) {
        ++m_counters.peersRefused;
        qCDebug(lcMesh) << "new-identity budget spent on link" << (link ? link->id() : 0);
        return;
    }
    const int hops = hopsFor(packet.ttl);
    PeerTable::Sighting sighting{hops, link ? link->id() : 0, link ? link->type() : LinkType::Ip,
                                 hops == 1 && link ? link->rssi() : std::nullopt,
                                 m_clock.epochMs()};
    switch (m_peers.applyAnnounce(packet.senderId, *announce, packet.timestamp, sighting)) {
    case PeerTable::AnnounceOutcome::Replay:
        ++m_counters.replayed;
        return;
    case PeerTable::AnnounceOutcome::KeyConflict:
        ++m_counters.keyConflicts;
        return;
    case PeerTable::AnnounceOutcome::Refused:
        ++m_counters.peersRefused;
        return;
    default:
        break;
    }
    ++m_counters.accepted;
    m_latestAnnounces.insert(packet.senderId, packet);
    // An announce at the originating TTL came straight from its author: that names the link.
    if (link && packet.ttl == Packet::DefaultTtl && link->isOpen())
        m_links.bindRemotePeer(link, packet.senderId);
    if (relay)
        this->relay(packet, id, link, true);
    for (const UnverifiedPacketQueue::Entry &waiting : m_unverified.takeFor(packet.senderId)) {
        if (!m_seen.contains(waiting.packetId, now))
            acceptSigned(waiting.packet, waiting.packetId, waiting.arrivedOn, waiting.relay);
    }
}

void MeshRouter::acceptSigned(const Packet &packet, const QByteArray &id, Link *link, bool relay)
{
    const QByteArray key = m_peers.boundSigningKey(packet.senderId);
    if (key.isEmpty()) {
        // The relay decision travels with the packet: a reassembled one is never relayed whole.
        m_counters.unknownSenderDropped +=
            m_unverified.enqueue(packet, id, link, relay, m_clock.monotonicMs());
        return;
    }
    if (!PacketSigner::verify(packet, key)) {
        ++m_counters.forged;
        qCDebug(lcMesh) << "bad signature on" << messageTypeName(packet.type) << "from"
                        << packet.senderId.toHex();
        return;
    }
    m_seen.insert(id, m_clock.monotonicMs());
    if (packet.messageType() == MessageType::Message) {
        acceptMessage(packet, id, link, relay);
        return;
    }
    if (!m_peers.isCurrent(packet.senderId, packet.timestamp)) {
        ++m_counters.replayed;
        return;
    }
    ++m_counters.accepted;
    if (relay)
        this->relay(packet, id, link, true);
    if (m_peers.applyLeave(packet.senderId, packet.timestamp))
        Q_EMIT leaveAccepted(packet.senderId);
}

void MeshRouter::acceptMessage(const Packet &packet, const QByteArray &id, Link *link, bool relay)
{
    const auto text = PublicMessagePayload::decode(packet.payload);
    if (!text) {
        ++m_counters.badPayload;
        m_rejections.record(text.error(), packet.payload.size());
        return;
    }
    // One identity may flood valid signed messages; past its budget they are neither shown,
    // stored nor relayed, and the honest traffic keeps flowing (issue 8, defect 7).
    if (!m_messagesPerSender.allow(packet.senderId, m_clock.monotonicMs())) {
        ++m_counters.senderLimited;
        qCDebug(lcMesh) << "message budget spent for sender" << packet.senderId.toHex();
        return;
    }
    const int hops = hopsFor(packet.ttl);
    if (m_history && m_history(packet, id, *text, hops) == HistoryVerdict::Known) {
        ++m_counters.replayed;
        return;
    }
    ++m_counters.accepted;
    if (relay)
        this->relay(packet, id, link, true);
    Q_EMIT messageAccepted(packet, hops, link ? link->id() : 0);
}

void MeshRouter::relay(const Packet &packet, const QByteArray &id, Link *link, bool verified)
{
    m_relays.schedule(packet, id, link,
                      verified ? RelayScheduler::Origin::Verified
                               : RelayScheduler::Origin::Unauthenticated);
}

void MeshRouter::shareAnnouncesWith(Link *link)
{
    // A new neighbour learns every present peer now rather than at each one's next announce
    // (up to 30 s later), so it can verify their messages at once. The announces go as relays
    // would: signatures intact, TTL decremented, and the neighbour drops what it already has.
    if (!link->isOpen())
        return;
    for (const Packet &announce : std::as_const(m_latestAnnounces)) {
        if (RelayPolicy::isSuppressed(announce, m_self) || link->remotePeer() == announce.senderId)
            continue;
        Packet forward = announce;
        forward.ttl = RelayPolicy::forwardTtl(announce, m_links.linkCount());
        m_relays.sendTo(link, forward, SendPriority::Relay); // other peers' announces
    }
}

void MeshRouter::forgetLink(Link *link)
{
    m_relays.forgetLink(link);
    m_ingress.forget(link->id());
    m_newPeers.forget(link->id());
}

void MeshRouter::housekeeping()
{
    const qint64 now = m_clock.monotonicMs();
    m_counters.unknownSenderDropped += m_unverified.expire(now);
    m_reassembler.expireStalled(now);
    m_housekeepingTimer =
        m_clock.callAfter(m_config.housekeepingIntervalMs, this, [this] { housekeeping(); });
}
