// SPDX-License-Identifier: GPL-3.0-or-later
#include "FragmentReassembler.h"

#include "ProtocolLog.h"
#include "RejectionCounters.h"

FragmentReassembler::FragmentReassembler(RejectionCounters *counters)
    : FragmentReassembler(Limits{}, counters)
{}

FragmentReassembler::FragmentReassembler(Limits limits, RejectionCounters *counters)
    : m_limits(limits)
    , m_counters(counters)
{}

CodecResult<std::optional<FragmentReassembler::Reassembled>>
FragmentReassembler::add(const PeerId &sender, const FragmentPayload &fragment, qint64 nowMs)
{
    expireStalled(nowMs);
    if (fragment.total == 0 || fragment.total > m_limits.maxTotal ||
        fragment.index >= fragment.total)
        return reject(CodecError::FragmentOverCap);
    if (fragment.data.size() > m_limits.maxBufferedBytes)
        return reject(CodecError::FragmentBudget, fragment.data.size());

    const StreamKey key{sender, fragment.fragmentId};
    auto it = m_streams.find(key);
    if (it == m_streams.end()) {
        if (m_streams.size() >= m_limits.maxStreams)
            evictLeastRecent(key, CodecError::FragmentStreamLimit);
        it = m_streams.insert(key, Stream{fragment.total, fragment.originalType, {}, 0, nowMs});
    } else if (it->total != fragment.total || it->originalType != fragment.originalType) {
        return reject(CodecError::FragmentMismatch);
    }
    if (it->pieces.contains(fragment.index))
        return std::optional<Reassembled>{}; // a duplicate: relays often deliver twice

    while (m_bufferedBytes + fragment.data.size() > m_limits.maxBufferedBytes) {
        if (!evictLeastRecent(key, CodecError::FragmentBudget)) {
            drop(key, CodecError::FragmentBudget);
            return CodecError::FragmentBudget;
        }
        it = m_streams.find(key);
    }

    it->pieces.insert(fragment.index, fragment.data);
    it->bytes += fragment.data.size();
    it->lastProgressMs = nowMs;
    m_bufferedBytes += fragment.data.size();
    if (it->pieces.size() < it->total)
        return std::optional<Reassembled>{};

    Reassembled done{sender, it->originalType, {}};
    done.frame.reserve(it->bytes);
    for (const QByteArray &piece : std::as_const(it->pieces))
        done.frame.append(piece);
    m_bufferedBytes -= it->bytes;
    m_streams.erase(it);
    return std::optional<Reassembled>(std::move(done));
}

int FragmentReassembler::expireStalled(qint64 nowMs)
{
    QList<StreamKey> stalled;
    for (auto it = m_streams.cbegin(); it != m_streams.cend(); ++it) {
        if (nowMs - it->lastProgressMs >= m_limits.stallTimeoutMs)
            stalled.append(it.key());
    }
    for (const StreamKey &key : std::as_const(stalled))
        drop(key, CodecError::FragmentStalled);
    return int(stalled.size());
}

CodecError FragmentReassembler::reject(CodecError error, qsizetype size)
{
    if (m_counters)
        m_counters->record(error, size);
    return error;
}

void FragmentReassembler::drop(const StreamKey &key, CodecError reason)
{
    const auto it = m_streams.find(key);
    if (it == m_streams.end())
        return;
    qCDebug(lcProtocol) << "dropping fragment stream from" << key.sender.toHex() << "with"
                        << it->pieces.size() << "of" << it->total << "pieces";
    m_bufferedBytes -= it->bytes;
    m_streams.erase(it);
    reject(reason);
}

bool FragmentReassembler::evictLeastRecent(const StreamKey &keep, CodecError reason)
{
    std::optional<StreamKey> oldest;
    qint64 oldestMs = 0;
    for (auto it = m_streams.cbegin(); it != m_streams.cend(); ++it) {
        if (it.key() == keep)
            continue;
        if (!oldest || it->lastProgressMs < oldestMs) {
            oldest = it.key();
            oldestMs = it->lastProgressMs;
        }
    }
    if (!oldest)
        return false;
    drop(*oldest, reason);
    return true;
}
