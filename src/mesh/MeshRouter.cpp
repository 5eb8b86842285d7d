// SPDX-License-Identifier: GPL-3.0-or-later
#include "MeshRouter.h"

#include <QRandomGenerator>

#include "AnnouncePayload.h"
#include "Clock.h"
#include "FragmentPayload.h"
#include "Fragmenter.h"
#include "Link.h"
#include "LinkManager.h"
#include "MeshLog.h"
#include "PacketId.h"
#include "PacketSigner.h"
#include "PeerTable.h"
#include "RelayPolicy.h"

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
    , m_random(random)
    , m_config(config)
    , m_codec(&m_rejections)
    , m_reassembler(&m_rejections)
{
    connect(&m_links, &LinkManager::frameReceived, this, &MeshRouter::handleFrame);
    connect(&m_links, &LinkManager::linkAdded, this, &MeshRouter::shareAnnouncesWith);
    connect(&m_peers, &PeerTable::peerLeft, this,
            [this](const PeerInfo &peer) { m_latestAnnounces.remove(peer.id); });
    connect(&m_links, &LinkManager::linkRemoved, this, [this](Link *link) {
        for (PendingRelay &relay : m_pendingRelays)
            relay.targets.removeAll(link);
    });
    housekeeping();
}

MeshRouter::~MeshRouter()
{
    m_clock.cancel(m_housekeepingTimer);
    for (const PendingRelay &relay : std::as_const(m_pendingRelays))
        m_clock.cancel(relay.timerId);
}

int MeshRouter::hopsFor(quint8 ttl)
{
    return std::clamp(int(Packet::DefaultTtl) - int(ttl) + 1, 1, int(Packet::DefaultTtl) + 1);
}

int MeshRouter::originate(const Packet &packet)
{
    m_seen.insert(PacketId::of(packet), m_clock.monotonicMs());
    const auto frame = PacketCodec::encodeForWire(packet);
    if (!frame) {
        qCWarning(lcMesh) << "cannot encode own packet:" << codecErrorName(frame.error());
        return 0;
    }
    const QList<Link *> links = m_links.links();
    for (Link *link : links)
        send(link, packet, *frame, SendPriority::Own);
    return int(links.size());
}

void MeshRouter::originateTo(Link *link, const Packet &packet)
{
    m_seen.insert(PacketId::of(packet), m_clock.monotonicMs());
    if (const auto frame = PacketCodec::encodeForWire(packet))
        send(link, packet, *frame, SendPriority::Own);
}

void MeshRouter::handleFrame(Link *link, const QByteArray &frame)
{
    ++m_counters.framesReceived;
    const auto packet = m_codec.decode(frame);
    if (!packet) {
        qCDebug(lcMesh) << "undecodable frame on link" << link->id() << "("
                        << codecErrorName(packet.error()) << ")";
        Q_EMIT countersChanged();
        return;
    }
    handlePacket(*packet, link, true);
    Q_EMIT countersChanged();
}

void MeshRouter::handlePacket(const Packet &packet, Link *link, bool relay)
{
    const QByteArray id = PacketId::of(packet);
    if (!m_seen.insert(id, m_clock.monotonicMs())) {
        ++m_counters.duplicates;
        cancelRelayTo(id, link);
        return;
    }
    if (packet.senderId == m_self)
        return; // our own packet coming back after the seen-cache window
    switch (packet.messageType()) {
    case MessageType::Fragment:
        handleFragment(packet, link);
        if (relay)
            scheduleRelay(packet, id, link);
        return;
    case MessageType::Announce:
        acceptAnnounce(packet, link, relay);
        return;
    case MessageType::Message:
    case MessageType::Leave:
        acceptSigned(packet, link, relay);
        return;
    default:
        // Types Meshcast does not act on (Noise, sync, files, …): pass them on for the peers
        // that do, never show them. requestSync is suppressed by the relay policy.
        ++m_counters.notForUs;
        if (relay && !(packet.recipientId && *packet.recipientId == m_self))
            scheduleRelay(packet, id, link);
        return;
    }
}

void MeshRouter::handleFragment(const Packet &packet, Link *link)
{
    const auto fragment = FragmentPayload::decode(packet.payload);
    if (!fragment) {
        ++m_counters.badPayload;
        return;
    }
    const auto result = m_reassembler.add(packet.senderId, *fragment, m_clock.monotonicMs());
    if (!result || !result->has_value())
        return;
    const auto inner = m_codec.decode(result->value().frame);
    if (!inner || inner->senderId != packet.senderId) {
        ++m_counters.badPayload;
        return;
    }
    // The fragments themselves are relayed; the reassembled packet is for this node only.
    handlePacket(*inner, link, false);
}

void MeshRouter::acceptAnnounce(const Packet &packet, Link *link, bool relay)
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
    default:
        break;
    }
    ++m_counters.accepted;
    m_latestAnnounces.insert(packet.senderId, packet);
    // An announce at the originating TTL came straight from its author: that names the link.
    if (link && packet.ttl == Packet::DefaultTtl && link->isOpen())
        m_links.bindRemotePeer(link, packet.senderId);
    if (relay)
        scheduleRelay(packet, PacketId::of(packet), link);
    for (const UnverifiedPacketQueue::Entry &waiting : m_unverified.takeFor(packet.senderId))
        acceptSigned(waiting.packet, waiting.arrivedOn, true);
}

void MeshRouter::acceptSigned(const Packet &packet, Link *link, bool relay)
{
    const QByteArray key = m_peers.boundSigningKey(packet.senderId);
    if (key.isEmpty()) {
        m_counters.unknownSenderDropped +=
            m_unverified.enqueue(packet, link, m_clock.monotonicMs());
        return;
    }
    if (!PacketSigner::verify(packet, key)) {
        ++m_counters.forged;
        qCDebug(lcMesh) << "bad signature on" << messageTypeName(packet.type) << "from"
                        << packet.senderId.toHex();
        return;
    }
    const QByteArray id = PacketId::of(packet);
    if (packet.messageType() == MessageType::Leave) {
        if (!m_peers.isCurrent(packet.senderId, packet.timestamp)) {
            ++m_counters.replayed;
            return;
        }
        ++m_counters.accepted;
        if (relay)
            scheduleRelay(packet, id, link);
        if (m_peers.applyLeave(packet.senderId, packet.timestamp))
            Q_EMIT leaveAccepted(packet.senderId);
        return;
    }
    if (m_historyLookup && m_historyLookup(id)) {
        ++m_counters.replayed;
        return;
    }
    ++m_counters.accepted;
    if (relay)
        scheduleRelay(packet, id, link);
    Q_EMIT messageAccepted(packet, hopsFor(packet.ttl), link ? link->id() : 0);
}

void MeshRouter::scheduleRelay(const Packet &packet, const QByteArray &packetId, Link *arrivedOn)
{
    if (RelayPolicy::isSuppressed(packet, m_self))
        return;
    const qint64 now = m_clock.monotonicMs();
    if (!m_rateLimiter.allow(packet.senderId, now)) {
        ++m_counters.rateLimited;
        return;
    }
    // Split horizon and link collapse (spec 05 §1.3 step 1); directed packets take the direct
    // link to their recipient when there is one (§1.4).
    QList<QPointer<Link>> targets;
    if (packet.recipientId) {
        if (Link *direct = m_links.linkToPeer(*packet.recipientId); direct && direct != arrivedOn)
            targets.append(direct);
    }
    if (targets.isEmpty()) {
        QHash<QString, Link *> byId;
        QStringList ids;
        for (Link *link : m_links.links()) {
            if (link == arrivedOn || !link->isOpen())
                continue;
            const QString id = link->remotePeer() ? link->remotePeer()->toHex()
                                                  : QStringLiteral("link-%1").arg(link->id());
            if (!byId.contains(id)) {
                byId.insert(id, link);
                ids.append(id);
            }
        }
        QStringList chosen = ids;
        if (!RelayPolicy::bypassesSubsetting(packet)) {
            chosen = RelayPolicy::selectSubset(QString::fromLatin1(packetId.toHex()), ids);
            // Meshcast's one addition to spec 05 §1.3: a neighbour whose own announce names no
            // neighbour but us can be reached by no other relay, and without gossip sync a copy
            // it misses is lost for good. Such leaves always get the packet.
            for (const QString &id : std::as_const(ids)) {
                if (!chosen.contains(id) && isLeaf(byId.value(id)))
                    chosen.append(id);
            }
        }
        for (const QString &id : std::as_const(chosen))
            targets.append(byId.value(id));
    }
    if (targets.isEmpty())
        return;

    Packet forward = packet;
    forward.ttl = RelayPolicy::forwardTtl(packet, m_links.linkCount());
    const auto frame = PacketCodec::encodeForWire(forward);
    if (!frame)
        return;
    const bool thinChain = m_links.linkCount() <= 2;
    const qint64 maxJitter = thinChain ? m_config.thinChainJitterMaxMs : m_config.jitterMaxMs;
    const qint64 jitter = m_config.jitterMinMs +
                          qint64(m_random->bounded(quint32(maxJitter - m_config.jitterMinMs + 1)));
    PendingRelay &pending = m_pendingRelays[packetId];
    pending.frame = *frame;
    pending.packet = forward;
    pending.targets = targets;
    pending.timerId = m_clock.callAfter(jitter, this, [this, packetId] { flushRelay(packetId); });
}

bool MeshRouter::isLeaf(const Link *link) const
{
    if (!link->remotePeer())
        return false;
    const PeerInfo *peer = m_peers.find(*link->remotePeer());
    return peer && (peer->directNeighbors.isEmpty() || peer->directNeighbors == QList{m_self});
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
        if (const auto frame = PacketCodec::encodeForWire(forward))
            send(link, forward, *frame, SendPriority::Relay);
    }
}

void MeshRouter::cancelRelayTo(const QByteArray &packetId, Link *link)
{
    const auto it = m_pendingRelays.find(packetId);
    if (it == m_pendingRelays.end())
        return;
    it->targets.removeAll(link);
    if (it->targets.isEmpty()) {
        m_clock.cancel(it->timerId);
        m_pendingRelays.erase(it);
        ++m_counters.relaysCancelled;
    }
}

void MeshRouter::flushRelay(const QByteArray &packetId)
{
    const PendingRelay relay = m_pendingRelays.take(packetId);
    int sent = 0;
    for (const QPointer<Link> &link : relay.targets) {
        if (link && link->isOpen()) {
            send(link, relay.packet, relay.frame, SendPriority::Relay);
            ++sent;
        }
    }
    if (sent > 0)
        ++m_counters.relayed;
    Q_EMIT countersChanged();
}

void MeshRouter::send(Link *link, const Packet &packet, const QByteArray &frame,
                      SendPriority priority)
{
    if (!Fragmenter::needsFragmentation(frame.size(), link->mtu())) {
        m_links.sendTo(link, frame, priority);
        return;
    }
    const auto fragments =
        Fragmenter::split(packet, frame, Fragmenter::chunkSizeFor(packet, link->mtu()),
                          Fragmenter::randomFragmentId());
    if (!fragments) {
        qCWarning(lcMesh) << "packet too large to fragment:" << frame.size() << "bytes";
        return;
    }
    for (const Packet &fragment : *fragments) {
        if (const auto bytes = PacketCodec::encodeForWire(fragment))
            m_links.sendTo(link, *bytes, priority);
    }
}

void MeshRouter::housekeeping()
{
    const qint64 now = m_clock.monotonicMs();
    m_counters.unknownSenderDropped += m_unverified.expire(now);
    m_reassembler.expireStalled(now);
    m_housekeepingTimer =
        m_clock.callAfter(m_config.housekeepingIntervalMs, this, [this] { housekeeping(); });
}
