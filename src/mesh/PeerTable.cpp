// SPDX-License-Identifier: GPL-3.0-or-later
#include "PeerTable.h"

#include <algorithm>

#include "Identity.h"
#include "MeshLog.h"

namespace {
constexpr int MaxWarnedConflicts = 256;
}

PeerTable::PeerTable(QObject *parent)
    : QObject(parent)
{}

PeerTable::PeerTable(PeerBindings::Limits bindingLimits, int maxPeers, QObject *parent)
    : QObject(parent)
    , m_bindings(bindingLimits)
    , m_maxPeers(maxPeers)
{}

PeerTable::AnnounceOutcome PeerTable::applyAnnounce(const PeerId &sender,
                                                    const AnnouncePayload &announce,
                                                    quint64 timestamp, const Sighting &sighting)
{
    auto it = m_peers.find(sender);
    const bool joined = it == m_peers.end();
    switch (m_bindings.check(sender, announce.signingPublicKey)) {
    case PeerBindings::Check::Conflicts:
        warnKeyConflict(sender);
        return AnnounceOutcome::KeyConflict;
    case PeerBindings::Check::Matches:
        if (timestamp <= m_bindings.announceTimestamp(sender).value_or(0))
            return AnnounceOutcome::Replay;
        if (joined && m_peers.size() >= m_maxPeers)
            return AnnounceOutcome::Refused;
        m_bindings.refresh(sender, timestamp, sighting.nowMs);
        break;
    case PeerBindings::Check::Unknown:
        if (m_peers.size() >= m_maxPeers ||
            !m_bindings.bind(sender, announce.signingPublicKey, timestamp, sighting.nowMs))
            return AnnounceOutcome::Refused;
        break;
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
    return m_bindings.signingKey(peer);
}

bool PeerTable::isCurrent(const PeerId &peer, quint64 timestamp) const
{
    const auto newest = m_bindings.announceTimestamp(peer);
    return newest && timestamp >= *newest;
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
    const PeerInfo *present = find(peer);
    m_bindings.refresh(peer, timestamp, present ? present->lastSeenMs : 0);
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

void PeerTable::warnKeyConflict(const PeerId &peer)
{
    // Spec 04 §2 ties a peer ID to its Noise key only; the signing key is ours to pin. Another
    // key for a bound ID is someone announcing a peer's public Noise key as their own.
    if (m_warnedConflicts.contains(peer) || m_warnedConflicts.size() >= MaxWarnedConflicts) {
        qCDebug(lcMesh) << "announce for" << peer.toHex() << "with another signing key";
        return;
    }
    m_warnedConflicts.insert(peer);
    qCWarning(lcMesh).noquote() << tr("Someone announced peer %1 with a different signing key: "
                                      "ignored, the peer keeps its original key.")
                                       .arg(peer.toHex());
}
