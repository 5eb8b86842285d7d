// SPDX-License-Identifier: GPL-3.0-or-later
#include "RelayScheduler.h"

#include <QRandomGenerator>

#include "Clock.h"
#include "Fragmenter.h"
#include "Link.h"
#include "LinkManager.h"
#include "MeshLog.h"
#include "PacketCodec.h"
#include "PeerTable.h"
#include "RelayPolicy.h"

namespace {
constexpr int MaxTrackedLinks = 256;

Packet headerOf(const Packet &packet)
{
    Packet header = packet;
    header.payload.clear();
    header.compressedPayload.reset();
    return header;
}
} // namespace

RelayScheduler::RelayScheduler(const PeerId &self, LinkManager &links, const PeerTable &peers,
                               Clock &clock, QRandomGenerator *random, Config config,
                               RouterCounters &counters, QObject *parent)
    : QObject(parent)
    , m_self(self)
    , m_links(links)
    , m_peers(peers)
    , m_clock(clock)
    , m_random(random)
    , m_config(config)
    , m_counters(counters)
    , m_unauthenticatedPerLink(config.unauthenticatedPerLink, MaxTrackedLinks)
{}

RelayScheduler::~RelayScheduler()
{
    m_clock.cancel(m_timer);
}

void RelayScheduler::schedule(const Packet &packet, const QByteArray &packetId, Link *arrivedOn,
                              Origin origin)
{
    if (RelayPolicy::isSuppressed(packet, m_self) || m_pending.contains(packetId))
        return;
    const qint64 now = m_clock.monotonicMs();
    // A verified sender is limited by its own ID. Nothing authenticates the sender ID of a
    // fragment or an unknown type, so those are budgeted by the link they came in on: rotating
    // made-up sender IDs then buys an attacker nothing (issue 8, defect 8).
    const bool allowed = origin == Origin::Verified
                             ? m_perSender.allow(packet.senderId, now)
                             : m_unauthenticatedPerLink.allow(arrivedOn ? arrivedOn->id() : 0, now);
    if (!allowed) {
        ++(origin == Origin::Verified ? m_counters.rateLimited : m_counters.unauthenticatedLimited);
        qCDebug(lcMesh) << "relay budget spent for" << messageTypeName(packet.type) << "from"
                        << packet.senderId.toHex();
        return;
    }
    if (m_pending.size() >= m_config.maxPendingRelays) {
        ++m_counters.relaysShed;
        qCDebug(lcMesh) << "relay queue full: shedding" << messageTypeName(packet.type);
        return;
    }
    QList<QPointer<Link>> targets = targetsFor(packet, packetId, arrivedOn);
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
    const auto deadline = m_deadlines.emplace(now + jitter, packetId);
    m_pending.insert(packetId, PendingRelay{*frame, headerOf(forward), targets, deadline});
    armTimer();
}

QList<QPointer<Link>> RelayScheduler::targetsFor(const Packet &packet, const QByteArray &packetId,
                                                 Link *arrivedOn) const
{
    // Split horizon and link collapse (spec 05 §1.3 step 1); directed packets take the direct
    // link to their recipient when there is one (§1.4).
    QList<QPointer<Link>> targets;
    if (!packet.isBroadcast()) {
        if (Link *direct = m_links.linkToPeer(*packet.recipientId); direct && direct != arrivedOn)
            targets.append(direct);
    }
    if (!targets.isEmpty())
        return targets;
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
    return targets;
}

bool RelayScheduler::isLeaf(const Link *link) const
{
    if (!link->remotePeer())
        return false;
    const PeerInfo *peer = m_peers.find(*link->remotePeer());
    return peer && (peer->directNeighbors.isEmpty() || peer->directNeighbors == QList{m_self});
}

void RelayScheduler::cancelTo(const QByteArray &packetId, Link *link)
{
    const auto it = m_pending.find(packetId);
    if (it == m_pending.end())
        return;
    it->targets.removeAll(link);
    if (it->targets.isEmpty()) {
        erase(it);
        ++m_counters.relaysCancelled;
    }
}

int RelayScheduler::sendToAll(const Packet &packet)
{
    int taken = 0;
    for (Link *link : m_links.links())
        taken += sendTo(link, packet) ? 1 : 0;
    return taken;
}

bool RelayScheduler::sendTo(Link *link, const Packet &packet, SendPriority priority)
{
    const auto frame = PacketCodec::encodeForWire(packet);
    if (!frame) {
        qCWarning(lcMesh) << "cannot encode packet:" << codecErrorName(frame.error());
        return false;
    }
    return send(link, headerOf(packet), *frame, priority);
}

void RelayScheduler::forgetLink(Link *link)
{
    m_unauthenticatedPerLink.forget(link->id());
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        it->targets.removeAll(link);
        if (it->targets.isEmpty()) {
            m_deadlines.erase(it->deadline);
            it = m_pending.erase(it);
        } else {
            ++it;
        }
    }
}

bool RelayScheduler::send(Link *link, const Packet &header, const QByteArray &frame,
                          SendPriority priority)
{
    // Only what a link took counts as sent; a refusal (queue full, closed) is counted here and
    // by the LinkManager, and logged by the link.
    const auto take = [&](const QByteArray &bytes) {
        const SendResult result = m_links.sendTo(link, bytes, priority);
        if (result != SendResult::Accepted)
            ++m_counters.sendsRefused;
        return result == SendResult::Accepted;
    };
    if (!Fragmenter::needsFragmentation(frame.size(), link->mtu()))
        return take(frame);
    const auto fragments =
        Fragmenter::split(header, frame, Fragmenter::chunkSizeFor(header, link->mtu()),
                          Fragmenter::randomFragmentId());
    if (!fragments) {
        qCWarning(lcMesh) << "packet too large to fragment:" << frame.size() << "bytes";
        return false;
    }
    bool taken = true;
    for (const Packet &fragment : *fragments) {
        if (const auto bytes = PacketCodec::encodeForWire(fragment))
            taken = take(*bytes) && taken;
    }
    return taken;
}

void RelayScheduler::armTimer()
{
    if (m_deadlines.empty()) {
        m_clock.cancel(m_timer);
        m_timer = 0;
        m_timerDeadline = -1;
        return;
    }
    const qint64 earliest = m_deadlines.begin()->first;
    if (m_timer != 0 && m_timerDeadline == earliest)
        return;
    m_clock.cancel(m_timer);
    m_timerDeadline = earliest;
    m_timer =
        m_clock.callAfter(std::max<qint64>(0, earliest - m_clock.monotonicMs()), this, [this] {
            m_timer = 0;
            m_timerDeadline = -1;
            flushDue();
        });
}

void RelayScheduler::flushDue()
{
    const qint64 now = m_clock.monotonicMs();
    bool any = false;
    while (!m_deadlines.empty() && m_deadlines.begin()->first <= now) {
        const auto it = m_pending.find(m_deadlines.begin()->second);
        m_deadlines.erase(m_deadlines.begin());
        if (it == m_pending.end())
            continue;
        const PendingRelay relay = std::move(*it);
        m_pending.erase(it);
        int sent = 0;
        for (const QPointer<Link> &link : relay.targets) {
            if (link && link->isOpen() &&
                send(link, relay.header, relay.frame, SendPriority::Relay))
                ++sent;
        }
        if (sent > 0) {
            ++m_counters.relayed;
            any = true;
        }
    }
    armTimer();
    if (any)
        Q_EMIT relayed();
}

void RelayScheduler::erase(QHash<QByteArray, PendingRelay>::iterator it)
{
    m_deadlines.erase(it->deadline);
    m_pending.erase(it);
    armTimer();
}
