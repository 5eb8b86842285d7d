// SPDX-License-Identifier: GPL-3.0-or-later
#include "MeshNode.h"

#include <QRandomGenerator>

#include "AnnouncePayload.h"
#include "Clock.h"
#include "Link.h"
#include "LinkManager.h"
#include "MeshLog.h"
#include "MeshRouter.h"
#include "MessageStore.h"
#include "PacketCodec.h"
#include "PacketId.h"
#include "PacketSigner.h"
#include "PeerBindingStore.h"
#include "PeerTable.h"
#include "PublicMessagePayload.h"

namespace {
constexpr qint64 ExpiryCheckIntervalMs = 1000;
constexpr int MaxAnnouncedNeighbors = 10;
} // namespace

MeshNode::MeshNode(Identity identity, MessageStore &store, LinkManager &links, Clock &clock,
                   QRandomGenerator *random, Config config, QObject *parent)
    : QObject(parent)
    , m_identity(std::move(identity))
    , m_store(store)
    , m_links(links)
    , m_clock(clock)
    , m_random(random)
    , m_config(std::move(config))
    , m_peers(new PeerTable(this))
    , m_router(new MeshRouter(m_identity.peerId(), links, *m_peers, clock, random, this))
{
    m_router->setHistoryRecorder(
        [this](const Packet &packet, const QByteArray &id, const QString &text, int hops) {
            return recordReceived(packet, id, text, hops);
        });
    connect(m_peers, &PeerTable::peerJoined, this, &MeshNode::peerJoined);
    connect(m_peers, &PeerTable::peerUpdated, this, &MeshNode::peerUpdated);
    connect(m_peers, &PeerTable::peerLeft, this, &MeshNode::peerLeft);
    connect(&m_links, &LinkManager::countChanged, this, &MeshNode::linksChanged);
    connect(&m_links, &LinkManager::linkAdded, this, [this](Link *link) {
        Q_EMIT linkUp(link->type(), link->remoteAddress());
        if (!m_started)
            return;
        // A new neighbour learns who we are at once instead of waiting up to 30 s.
        scheduleAnnounce(m_config.newLinkAnnounceDelayMs);
        flushOutbox();
    });
    connect(&m_links, &LinkManager::linkRemoved, this, &MeshNode::onLinkRemoved);
}

MeshNode::~MeshNode()
{
    m_clock.cancel(m_announceTimer);
    m_clock.cancel(m_expiryTimer);
    m_clock.cancel(m_commitTimer);
    m_store.commitReceived();
}

void MeshNode::setBindingStore(PeerBindingStore *store)
{
    PeerBindings &bindings = m_peers->bindings();
    bindings.load(store->load(bindings.limits().capacity));
    bindings.setJournal([store](const PeerBinding &binding, PeerBindings::Change change) {
        if (change == PeerBindings::Change::Removed)
            store->remove(binding.peer);
        else
            store->save(binding);
    });
}

void MeshNode::start()
{
    m_started = true;
    scheduleAnnounce(m_config.firstAnnounceDelayMs);
    expirePeers();
    flushOutbox();
}

QString MeshNode::fingerprint() const
{
    return Identity::formatFingerprint(m_identity.fingerprint());
}

QString MeshNode::shortFingerprint() const
{
    return Identity::shortFingerprint(m_identity.fingerprint());
}

int MeshNode::linkCount() const
{
    return m_links.linkCount();
}

int MeshNode::linkLimit() const
{
    return m_links.linkLimit();
}

int MeshNode::maxMessageBytes()
{
    return int(PublicMessagePayload::MaxBytes);
}

void MeshNode::setNickname(const QString &nickname)
{
    const QString trimmed = nickname.trimmed();
    if (trimmed.isEmpty() || trimmed == m_config.nickname)
        return;
    m_config.nickname = trimmed;
    Q_EMIT nicknameChanged(trimmed);
    if (m_started)
        scheduleAnnounce(0);
}

std::optional<Packet> MeshNode::signedPacket(MessageType type, const QByteArray &payload)
{
    Packet packet;
    packet.version = 1;
    packet.type = quint8(type);
    // The configured TTL bounds how far this node's messages travel. Announces and leaves always
    // start at 7: neighbours recognise a direct announce by it, and hops are counted from it.
    packet.ttl = type == MessageType::Message ? m_config.messageTtl : Packet::DefaultTtl;
    // Timestamps are strictly increasing per node, so two packets in one millisecond differ and
    // a fresh announce or leave is always newer than the one before (replay check).
    m_lastTimestamp = std::max(quint64(m_clock.epochMs()), m_lastTimestamp + 1);
    packet.timestamp = m_lastTimestamp;
    packet.senderId = m_identity.peerId();
    packet.payload = payload;
    packet = PacketCodec::withCompressedPayload(packet);
    auto signedOne = PacketSigner::sign(packet, m_identity.signing());
    if (!signedOne) {
        qCWarning(lcMesh) << "cannot sign own" << messageTypeName(packet.type)
                          << "packet:" << codecErrorName(signedOne.error());
        return std::nullopt;
    }
    return std::move(signedOne).value();
}

std::optional<StoredMessage> MeshNode::sendMessage(const QString &text)
{
    const QByteArray payload = PublicMessagePayload::encode(text);
    if (text.trimmed().isEmpty() || payload.size() > PublicMessagePayload::MaxBytes) {
        Q_EMIT error(
            tr("A message must have 1 to %1 bytes of text.").arg(PublicMessagePayload::MaxBytes));
        return std::nullopt;
    }
    const auto packet = signedPacket(MessageType::Message, payload);
    if (!packet) {
        Q_EMIT error(tr("Could not sign the message; it was not sent."));
        return std::nullopt;
    }
    const auto frame = PacketCodec::encode(*packet);
    if (!frame) {
        Q_EMIT error(tr("Could not encode the message; it was not sent."));
        return std::nullopt;
    }
    const QByteArray id = PacketId::of(*packet);
    const auto stored = m_store.addOutgoing(id, peerId(), m_config.nickname, text,
                                            qint64(packet->timestamp), *frame);
    if (!stored) {
        Q_EMIT error(tr("Could not save the message; it was not sent."));
        return std::nullopt;
    }
    Q_EMIT messageQueued(*stored);
    // The packet in hand goes out as it is, not read back from the outbox; what is still queued
    // from before goes when a link comes up (flushOutbox).
    if (m_started && m_router->originate(*packet) > 0 && m_store.markSent(id, m_clock.epochMs()))
        Q_EMIT messageSent(id);
    return stored;
}

void MeshNode::flushOutbox()
{
    if (!m_started || m_links.linkCount() == 0)
        return;
    const PacketCodec codec;
    for (const OutboxEntry &entry : m_store.pendingOutbox()) {
        const auto packet = codec.decode(entry.signedFrame);
        if (!packet) {
            qCWarning(lcMesh) << "outbox entry does not decode; left queued";
            continue;
        }
        if (m_router->originate(*packet) > 0 && m_store.markSent(entry.packetId, m_clock.epochMs()))
            Q_EMIT messageSent(entry.packetId);
    }
}

void MeshNode::sendLeave()
{
    // Nothing may announce this node again after it said goodbye: a late announce would bring it
    // back on every other node until its presence timed out.
    m_leaving = true;
    m_clock.cancel(m_announceTimer);
    if (const auto leave = signedPacket(MessageType::Leave, {}))
        m_router->originate(*leave);
}

void MeshNode::announce()
{
    AnnouncePayload payload;
    payload.nickname = m_config.nickname;
    payload.noisePublicKey = m_identity.noise().publicKey();
    payload.signingPublicKey = m_identity.signing().publicKey();
    for (Link *link : m_links.links()) {
        if (link->remotePeer() && payload.directNeighbors.size() < MaxAnnouncedNeighbors)
            payload.directNeighbors.append(*link->remotePeer());
    }
    const auto encoded = payload.encode();
    const auto packet = encoded ? signedPacket(MessageType::Announce, *encoded) : std::nullopt;
    if (packet)
        m_router->originate(*packet);
    else
        qCWarning(lcMesh) << "cannot build own announce (nickname too long?)";
    const bool alone = m_links.linkCount() == 0;
    const qint64 next =
        alone ? m_config.aloneAnnounceIntervalMs
              : m_config.connectedAnnounceMinMs +
                    qint64(m_random->bounded(quint32(m_config.connectedAnnounceMaxMs -
                                                     m_config.connectedAnnounceMinMs + 1)));
    scheduleAnnounce(next);
}

void MeshNode::scheduleAnnounce(qint64 delayMs)
{
    if (m_leaving)
        return;
    m_clock.cancel(m_announceTimer);
    m_announceTimer = m_clock.callAfter(delayMs, this, [this] { announce(); });
}

MeshRouter::HistoryVerdict MeshNode::recordReceived(const Packet &packet,
                                                    const QByteArray &packetId, const QString &text,
                                                    int hops)
{
    StoredMessage message;
    message.packetId = packetId;
    message.senderId = packet.senderId;
    const PeerInfo *sender = m_peers->find(packet.senderId);
    message.senderNickname = sender ? sender->nickname : packet.senderId.toHex().left(8);
    message.text = text;
    message.timestampMs = qint64(packet.timestamp);
    message.receivedAtMs = m_clock.epochMs();
    message.hops = hops;
    message.verified = true;
    message.own = false;
    message.delivery = StoredMessage::Delivery::Received;
    const MessageStore::AddResult added = m_store.addReceived(message);
    switch (added.status) {
    case MessageStore::AddResult::Status::Duplicate:
        return MeshRouter::HistoryVerdict::Known;
    case MessageStore::AddResult::Status::Failed:
        // Genuine all the same: still relayed for the others, though not kept or shown here.
        Q_EMIT error(tr("Could not save a received message: %1").arg(m_store.lastError()));
        return MeshRouter::HistoryVerdict::New;
    case MessageStore::AddResult::Status::Added:
        break;
    }
    message.rowId = added.rowId;
    // Received messages are committed together once this event-loop turn is over.
    if (m_commitTimer == 0) {
        m_commitTimer = m_clock.callAfter(0, this, [this] {
            m_commitTimer = 0;
            m_store.commitReceived();
        });
    }
    // The user now relies on this peer's key: its binding can never be recycled.
    m_peers->bindings().pin(packet.senderId);
    Q_EMIT messageReceived(message);
    return MeshRouter::HistoryVerdict::New;
}

void MeshNode::onLinkRemoved(Link *link, const QString &reason)
{
    Q_EMIT linkDown(link->type(), link->remoteAddress(), reason);
    // The neighbour on a lost link is gone from here; if the mesh still reaches it another
    // way, its next announce brings it back.
    if (const auto remote = link->remotePeer()) {
        const PeerInfo *peer = m_peers->find(*remote);
        if (peer && peer->linkId == link->id())
            m_peers->remove(*remote, QStringLiteral("link lost"));
    }
    if (m_links.linkCount() == 0 && m_started)
        scheduleAnnounce(m_config.aloneAnnounceIntervalMs);
}

void MeshNode::expirePeers()
{
    m_peers->expire(m_clock.epochMs(), m_config.peerTimeoutMs);
    m_expiryTimer = m_clock.callAfter(ExpiryCheckIntervalMs, this, [this] { expirePeers(); });
}
