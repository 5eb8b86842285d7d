// SPDX-License-Identifier: GPL-3.0-or-later
#include "PeerBindings.h"

#include <limits>

#include "MeshLog.h"

PeerBindings::PeerBindings(Limits limits)
    : m_limits(limits)
{}

void PeerBindings::load(const QList<Record> &records)
{
    for (const Record &record : records) {
        if (m_records.size() >= m_limits.capacity)
            break;
        m_records.insert(record.peer, record);
    }
    m_noStaleBeforeMs = 0;
}

PeerBindings::Check PeerBindings::check(const PeerId &peer, const QByteArray &signingKey) const
{
    const auto it = m_records.constFind(peer);
    if (it == m_records.cend())
        return Check::Unknown;
    return it->signingKey == signingKey ? Check::Matches : Check::Conflicts;
}

bool PeerBindings::bind(const PeerId &peer, const QByteArray &signingKey, quint64 timestamp,
                        qint64 nowMs)
{
    if (m_records.contains(peer))
        return false;
    if (m_records.size() >= m_limits.capacity && !makeRoom(nowMs)) {
        qCDebug(lcMesh) << "binding table full: refusing new peer" << peer.toHex();
        return false;
    }
    const Record record{peer, signingKey, timestamp, nowMs, false};
    m_records.insert(peer, record);
    m_noStaleBeforeMs = std::min(m_noStaleBeforeMs, nowMs + m_limits.staleAfterMs);
    journal(record);
    return true;
}

void PeerBindings::refresh(const PeerId &peer, quint64 timestamp, qint64 nowMs)
{
    const auto it = m_records.find(peer);
    if (it == m_records.end())
        return;
    it->announceTimestamp = std::max(it->announceTimestamp, timestamp);
    const bool worthJournalling = nowMs - it->lastSeenMs >= m_limits.journalGranularityMs;
    it->lastSeenMs = std::max(it->lastSeenMs, nowMs);
    if (worthJournalling)
        journal(*it);
}

void PeerBindings::pin(const PeerId &peer)
{
    const auto it = m_records.find(peer);
    if (it == m_records.end() || it->pinned)
        return;
    it->pinned = true;
    journal(*it);
}

QByteArray PeerBindings::signingKey(const PeerId &peer) const
{
    const auto it = m_records.constFind(peer);
    return it == m_records.cend() ? QByteArray() : it->signingKey;
}

std::optional<quint64> PeerBindings::announceTimestamp(const PeerId &peer) const
{
    const auto it = m_records.constFind(peer);
    if (it == m_records.cend())
        return std::nullopt;
    return it->announceTimestamp;
}

bool PeerBindings::isPinned(const PeerId &peer) const
{
    const auto it = m_records.constFind(peer);
    return it != m_records.cend() && it->pinned;
}

bool PeerBindings::makeRoom(qint64 nowMs)
{
    // One scan finds the stalest unpinned binding; when none is stale yet, the scan also says
    // when the first could become so, and until then a full table refuses without scanning.
    if (nowMs < m_noStaleBeforeMs)
        return false;
    auto stalest = m_records.end();
    for (auto it = m_records.begin(); it != m_records.end(); ++it) {
        if (!it->pinned && (stalest == m_records.end() || it->lastSeenMs < stalest->lastSeenMs))
            stalest = it;
    }
    if (stalest == m_records.end()) {
        m_noStaleBeforeMs = std::numeric_limits<qint64>::max();
        return false;
    }
    if (nowMs - stalest->lastSeenMs < m_limits.staleAfterMs) {
        m_noStaleBeforeMs = stalest->lastSeenMs + m_limits.staleAfterMs;
        return false;
    }
    qCDebug(lcMesh) << "recycling the stale binding of" << stalest->peer.toHex();
    journal(*stalest, Change::Removed);
    m_records.erase(stalest);
    return true;
}

void PeerBindings::journal(const Record &record, Change change) const
{
    if (m_journal)
        m_journal(record, change);
}
