// SPDX-License-Identifier: GPL-3.0-or-later
#include "RouterHarness.h"

#include <QCoreApplication>

#include <sanitizer/allocator_interface.h>

#include "AnnouncePayload.h"
#include "FuzzCheck.h"
#include "FuzzIdentities.h"
#include "PacketCodec.h"
#include "PacketId.h"
#include "PacketSigner.h"
#include "StackProbe.h"

using FuzzCheck::require;

namespace {
constexpr int KeptHonestFrames = 16;
// A WebSocket link's (WebSocketLink::DefaultMaxFrameSize): relays go out whole, so each relay
// the router makes is seen as the packet it relays. OpenLink also makes BLE-sized links.
constexpr qsizetype DefaultMtu = 64 * 1024;

const PeerId &honestId()
{
    static const PeerId id = FuzzIdentities::honest().peerId();
    return id;
}

const QByteArray &honestKey()
{
    return FuzzIdentities::honest().signing().publicKey();
}

/** Types whose sender a signature binds: announces, messages and leaves. */
bool isAuthenticated(const Packet &packet)
{
    return packet.messageType() == MessageType::Announce ||
           packet.messageType() == MessageType::Message ||
           packet.messageType() == MessageType::Leave;
}
} // namespace

RouterHarness::RouterHarness(size_t baselineBytes)
    : m_baseline(baselineBytes)
    , m_links(FuzzIdentities::self().peerId(), m_clock, &m_random, LinkLimit)
    , m_router(FuzzIdentities::self().peerId(), m_links, m_peers, m_clock, &m_random)
{
    m_links.addTransport(&m_transport);
    m_router.setHistoryRecorder([this](const Packet &, const QByteArray &id, const QString &, int) {
        return m_accepted.contains(id) ? MeshRouter::HistoryVerdict::Known
                                       : MeshRouter::HistoryVerdict::New;
    });
    QObject::connect(&m_router, &MeshRouter::messageAccepted, &m_router,
                     [this](const Packet &packet, int hops) { onAccepted(packet, hops); });
    QObject::connect(&m_router, &MeshRouter::leaveAccepted, &m_router, [this](const PeerId &who) {
        StackProbe::check();
        if (who == honestId() && m_honestBound)
            require(m_honestLeft, "forgery", "only a leave the honest peer signed removes it");
    });
    QObject::connect(&m_router, &MeshRouter::countersChanged, &m_router, &StackProbe::check);
    m_honestLink = openLink(DefaultMtu);
}

RouterHarness::~RouterHarness() = default;

FuzzLink *RouterHarness::openLink(qsizetype mtu)
{
    FuzzLink *link = m_transport.open(mtu, [this](const QByteArray &frame) { inspectSent(frame); });
    if (!link->isOpen())
        return nullptr; // refused: the LinkManager is full, and deletes it later
    return link;
}

FuzzLink *RouterHarness::honestLink()
{
    if (!m_honestLink || !m_honestLink->isOpen())
        m_honestLink = openLink(DefaultMtu);
    return m_honestLink;
}

FuzzLink *RouterHarness::attackerLink(quint8 selector)
{
    m_attackerLinks.removeIf(
        [](const QPointer<FuzzLink> &link) { return !link || !link->isOpen(); });
    if (m_attackerLinks.isEmpty()) {
        if (FuzzLink *link = openLink(DefaultMtu))
            m_attackerLinks.append(link);
        else
            return nullptr;
    }
    return m_attackerLinks.at(selector % m_attackerLinks.size());
}

FuzzLink *RouterHarness::openLinkAt(quint8 selector)
{
    QList<FuzzLink *> open;
    if (honestLink())
        open.append(m_honestLink);
    for (const QPointer<FuzzLink> &link : std::as_const(m_attackerLinks)) {
        if (link && link->isOpen())
            open.append(link);
    }
    return open.isEmpty() ? nullptr : open.at(selector % open.size());
}

void RouterHarness::closeLink(quint8 selector)
{
    if (FuzzLink *link = attackerLink(selector))
        link->drop();
}

void RouterHarness::deliver(FuzzLink *link, const QByteArray &frame)
{
    if (!link)
        return;
    noteArrival(link, frame);
    StackProbe::arm();
    link->deliver(frame);
    checkInvariants();
    StackProbe::disarm();
}

void RouterHarness::advance(qint64 ms)
{
    StackProbe::arm();
    m_clock.advance(ms);
    checkInvariants();
    StackProbe::disarm();
    // What an event loop would do between events: links the manager dropped go away.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

void RouterHarness::recordHonest(const Packet &packet, bool nestedOnly)
{
    const QByteArray id = PacketId::of(packet);
    if (packet.messageType() == MessageType::Message || packet.messageType() == MessageType::Leave)
        m_honestSigned.insert(id);
    if (packet.messageType() == MessageType::Leave)
        m_honestLeft = true;
    if (nestedOnly) {
        m_nestedOnly.insert(id);
        return;
    }
    if (m_honestFrames.size() == KeptHonestFrames)
        m_honestFrames.removeFirst();
    m_honestFrames.append(HonestFrame{packet, nowMs()});
}

const RouterHarness::HonestFrame *RouterHarness::honestFrame(quint8 index) const
{
    return m_honestFrames.isEmpty() ? nullptr : &m_honestFrames.at(index % m_honestFrames.size());
}

bool RouterHarness::expectsShown(const Packet &packet) const
{
    // A genuine message the router has every reason to show: its sender's own announce is bound
    // and not newer than the message, it is fresh, not yet shown, and has hops left.
    if (packet.messageType() != MessageType::Message || !m_honestBound || m_honestLeft ||
        m_silencingChecks >= SilencingChecks || packet.ttl == 0 ||
        m_peers.boundSigningKey(honestId()) != honestKey() ||
        packet.timestamp < m_honestAnnounceTimestamp || m_accepted.contains(PacketId::of(packet)) ||
        !m_honestLink || !m_honestLink->isOpen())
        return false;
    const auto signedAt =
        std::find_if(m_honestFrames.cbegin(), m_honestFrames.cend(), [&](const HonestFrame &frame) {
            return frame.packet.timestamp == packet.timestamp;
        });
    return signedAt != m_honestFrames.cend() && nowMs() - signedAt->signedAtMs <= FreshForMs;
}

void RouterHarness::sendAsHonest(const Packet &packet)
{
    FuzzLink *link = honestLink();
    const bool expected = link && expectsShown(packet);
    deliver(link, PacketCodec::encodeForWire(packet).value());
    if (packet.messageType() == MessageType::Announce)
        noteHonestBinding();
    if (!expected)
        return;
    ++m_silencingChecks;
    require(m_accepted.contains(PacketId::of(packet)), "silencing",
            "a genuine message from a bound peer is shown: nothing the attacker sent silenced it");
}

void RouterHarness::noteHonestBinding()
{
    if (m_peers.boundSigningKey(honestId()) != honestKey())
        return;
    m_honestBound = true;
    for (const HonestFrame &frame : std::as_const(m_honestFrames)) {
        if (frame.packet.messageType() == MessageType::Announce)
            m_honestAnnounceTimestamp = qMax(m_honestAnnounceTimestamp, frame.packet.timestamp);
    }
}

void RouterHarness::onAccepted(const Packet &packet, int hops)
{
    StackProbe::check();
    require(hops >= 1, "hops count from 1");
    const QByteArray id = PacketId::of(packet);
    require(!m_accepted.contains(id), "replay", "nothing is accepted twice");
    m_accepted.insert(id);
    require(PacketSigner::verify(packet, m_peers.boundSigningKey(packet.senderId)), "forgery",
            "an accepted message verifies with the key bound to its sender");
    require(!m_nestedOnly.contains(id), "nesting",
            "a packet reassembled from a reassembled fragment is never handled (nesting)");
    if (packet.senderId == honestId() && m_honestBound) {
        require(PacketSigner::verify(packet, honestKey()), "forgery",
                "nothing forged is accepted in the honest peer's name");
        require(m_honestSigned.contains(id), "forgery",
                "only what the honest peer signed is shown as its");
    }
}

void RouterHarness::noteArrival(const FuzzLink *link, const QByteArray &frame)
{
    const auto packet = PacketCodec().decode(frame);
    if (link && link->isOpen() && packet && !isAuthenticated(*packet))
        m_unauthenticatedFrom.insert(PacketId::of(*packet), link->id());
}

void RouterHarness::inspectSent(const QByteArray &frame)
{
    const auto packet = PacketCodec().decode(frame);
    require(packet.ok(), "the router sends only frames that decode");
    if (!isAuthenticated(*packet)) {
        const QByteArray id = PacketId::of(*packet);
        const auto from = m_unauthenticatedFrom.constFind(id);
        if (from != m_unauthenticatedFrom.cend() && !m_relayedUnauthenticated.contains(id)) {
            m_relayedUnauthenticated.insert(id);
            require(++m_relaysPerLinkSecond[{*from, nowMs() / 1000}] <=
                        MaxUnauthenticatedRelaysPerLinkSecond,
                    "amplification", "unauthenticated relays from one link stay within budget");
        }
        return;
    }
    if (!m_honestBound || packet->senderId != honestId())
        return;
    switch (packet->messageType()) {
    case MessageType::Message:
    case MessageType::Leave:
        require(PacketSigner::verify(*packet, honestKey()), "forgery",
                "nothing forged in the honest peer's name is relayed");
        break;
    case MessageType::Announce: {
        const auto announce = AnnouncePayload::decode(packet->payload);
        require(announce.ok() && announce->signingPublicKey == honestKey() &&
                    PacketSigner::verify(*packet, honestKey()),
                "takeover", "no announce taking over the honest peer's ID is relayed");
        break;
    }
    default:
        break; // fragments and other types carry no signature of their own
    }
}

void RouterHarness::checkInvariants()
{
    require(StackProbe::deepest() <= StackProbe::Limit, "nesting",
            "handling one frame stays shallow: no recursion on peer data");
    if (m_honestBound) {
        const QByteArray key = m_peers.boundSigningKey(honestId());
        require(key.isEmpty() || key == honestKey(), "takeover",
                "the honest peer's ID is never bound to another signing key");
    }
    require(m_peers.count() <= PeerTable::MaxPeers, "memory",
            "the peer table stays within its cap");
    require(m_router.pendingRelayCount() <= MaxPendingRelays, "memory",
            "pending relays stay bounded");
    const size_t allocated = __sanitizer_get_current_allocated_bytes();
    require(allocated <= m_baseline + MemoryBudget, "memory",
            "the router stays within its memory budget");
}
