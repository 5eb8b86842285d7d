// SPDX-License-Identifier: GPL-3.0-or-later
#include "PeerTable.h"

#include <algorithm>

#include "Identity.h"
#include "MeshLog.h"

PeerTable::PeerTable(QObject *parent)
    : QObject(parent)
{}

PeerTable::AnnounceOutcome PeerTable::applyAnnounce(const PeerId &sender,
                                                    const AnnouncePayload &announce,
                                                    quint64 timestamp, const Sighting &sighting)
{
    const auto binding = m_bindings.constFind(sender);
    if (binding != m_bindings.cend()) {
        if (binding->signingKey != announce.signingPublicKey) {
            qCDebug(lcMesh) << "announce for" << sender.toHex() << "with another signing key";
            return AnnounceOutcome::KeyConflict;
        }
        if (timestamp <= binding->announceTimestamp)
            return AnnounceOutcome::Replay;
    }
    bind(sender, announce.signingPublicKey, timestamp);

    auto it = m_peers.find(sender);
    const bool joined = it == m_peers.end();
    if (joined && m_peers.size() >= MaxPeers) {
        const auto silent = std::min_element(
            m_peers.cbegin(), m_peers.cend(),
            [](const PeerInfo &a, const PeerInfo &b) { return a.lastSeenMs < b.lastSeenMs; });
        remove(silent->id, QStringLiteral("table full"));
        it = m_peers.end();
    }
    if (joined) {
        PeerInfo fresh;
        fresh.id = sender;
        fresh.noisePublicKey = announce.noisePublicKey;
        fresh.signingPublicKey = announce.signingPublicKey;
        fresh.fingerprint = Identity::fingerprintOf(announce.noisePublicKey);
        fresh.firstSeenMs = sighting.nowMs;
        it = m_peers.insert(sender, fresh);
    }
    PeerInfo &peer = *it;
    PeerFields changed = PeerField::LastSeen;
    if (peer.nickname != announce.nickname)
        changed |= PeerField::Nickname;
    if (peer.hops != sighting.hops)
        changed |= PeerField::Hops;
    if (peer.linkId != sighting.linkId || peer.linkType != sighting.linkType)
        changed |= PeerField::Link;
    if (peer.rssi != sighting.rssi)
        changed |= PeerField::Rssi;
    if (peer.directNeighbors != announce.directNeighbors)
        changed |= PeerField::Neighbors;
    peer.nickname = announce.nickname;
    peer.hops = sighting.hops;
    peer.linkId = sighting.linkId;
    peer.linkType = sighting.linkType;
    peer.rssi = sighting.rssi;
    peer.directNeighbors = announce.directNeighbors;
    peer.lastSeenMs = sighting.nowMs;
    peer.announceTimestamp = timestamp;

    if (joined) {
        Q_EMIT peerJoined(peer);
        return AnnounceOutcome::Joined;
    }
    Q_EMIT peerUpdated(peer, changed);
    return changed == PeerField::LastSeen ? AnnounceOutcome::Refreshed : AnnounceOutcome::Updated;
}

QByteArray PeerTable::boundSigningKey(const PeerId &peer) const
{
    return m_bindings.value(peer).signingKey;
}

bool PeerTable::isCurrent(const PeerId &peer, quint64 timestamp) const
{
    const auto binding = m_bindings.constFind(peer);
    return binding != m_bindings.cend() && timestamp >= binding->announceTimestamp;
}

bool PeerTable::remove(const PeerId &peer, const QString &reason)
{
    const auto it = m_peers.find(peer);
    if (it == m_peers.end())
        return false;
    const PeerInfo gone = *it;
    m_peers.erase(it);
    Q_EMIT peerLeft(gone, reason);
    return true;
}

bool PeerTable::applyLeave(const PeerId &peer, quint64 timestamp)
{
    const auto binding = m_bindings.find(peer);
    if (binding != m_bindings.end())
        binding->announceTimestamp = std::max(binding->announceTimestamp, timestamp);
    return remove(peer, QStringLiteral("leave"));
}

int PeerTable::expire(qint64 nowMs, qint64 timeoutMs)
{
    QList<PeerId> stale;
    for (const PeerInfo &peer : std::as_const(m_peers)) {
        if (nowMs - peer.lastSeenMs >= timeoutMs)
            stale.append(peer.id);
    }
    for (const PeerId &id : std::as_const(stale))
        remove(id, QStringLiteral("timeout"));
    return int(stale.size());
}

void PeerTable::updateRssi(quint64 linkId, int rssi)
{
    for (PeerInfo &peer : m_peers) {
        if (peer.linkId == linkId && peer.isDirect() && peer.rssi != rssi) {
            peer.rssi = rssi;
            Q_EMIT peerUpdated(peer, PeerField::Rssi);
        }
    }
}

const PeerInfo *PeerTable::find(const PeerId &peer) const
{
    const auto it = m_peers.constFind(peer);
    return it == m_peers.cend() ? nullptr : &*it;
}

void PeerTable::bind(const PeerId &peer, const QByteArray &signingKey, quint64 timestamp)
{
    m_bindings.insert(peer, Binding{signingKey, timestamp});
    if (m_bindings.size() <= MaxBindings)
        return;
    // Forget the absent peer with the oldest announce: present peers keep their binding.
    auto oldest = m_bindings.end();
    for (auto it = m_bindings.begin(); it != m_bindings.end(); ++it) {
        if (!m_peers.contains(it.key()) &&
            (oldest == m_bindings.end() || it->announceTimestamp < oldest->announceTimestamp))
            oldest = it;
    }
    if (oldest != m_bindings.end())
        m_bindings.erase(oldest);
}
