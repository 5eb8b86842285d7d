// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QByteArray>
#include <QHash>
#include <QMap>

#include "CodecResult.h"
#include "FragmentPayload.h"
#include "PeerId.h"

class RejectionCounters;

/**
 * Collects `fragment` payloads into the frames they were cut from (spec 02 §3.2), keyed by
 * (sender, fragmentID), within resource guards that a hostile sender cannot push past: a cap on
 * concurrent streams (the least recently advanced stream is evicted), a budget of buffered
 * bytes, `total` ≤ 10,000, and expiry of streams that stall. Time comes in as an argument
 * (monotonic ms), so the owner decides which clock drives it.
 *
 * A stalled stream is discarded: Meshcast does not yet request missing fragments through
 * gossip sync (the spec's SHOULD), see docs/PROTOCOL.md.
 */
class FragmentReassembler
{
public:
    struct Limits
    {
        int maxStreams = 32;
        qsizetype maxBufferedBytes = 4 * 1024 * 1024;
        int maxTotal = 10000;
        qint64 stallTimeoutMs = 30000;
    };

    struct Reassembled
    {
        PeerId sender;
        quint8 originalType = 0;
        /** The original packet's encoded frame, to decode with PacketCodec. */
        QByteArray frame;
    };

    explicit FragmentReassembler(RejectionCounters *counters = nullptr);
    FragmentReassembler(Limits limits, RejectionCounters *counters = nullptr);

    /**
     * Adds one fragment. Returns the whole frame when this fragment completes its stream,
     * nullopt while the stream is incomplete, or the error that refused the fragment.
     * Duplicate fragments are ignored.
     */
    CodecResult<std::optional<Reassembled>> add(const PeerId &sender,
                                                const FragmentPayload &fragment, qint64 nowMs);
    /** Drops streams with no new fragment for the stall timeout; returns how many. */
    int expireStalled(qint64 nowMs);

    int streamCount() const { return int(m_streams.size()); }
    qsizetype bufferedBytes() const { return m_bufferedBytes; }
    const Limits &limits() const { return m_limits; }

private:
    struct StreamKey
    {
        PeerId sender;
        QByteArray fragmentId;
        friend bool operator==(const StreamKey &, const StreamKey &) = default;
        friend size_t qHash(const StreamKey &key, size_t seed = 0) noexcept
        {
            return qHashMulti(seed, key.sender, key.fragmentId);
        }
    };
    struct Stream
    {
        quint16 total = 0;
        quint8 originalType = 0;
        QMap<quint16, QByteArray> pieces;
        qsizetype bytes = 0;
        qint64 lastProgressMs = 0;
    };

    CodecError reject(CodecError error, qsizetype size = -1);
    void drop(const StreamKey &key, CodecError reason);
    bool evictLeastRecent(const StreamKey &keep, CodecError reason);

    Limits m_limits;
    RejectionCounters *m_counters = nullptr;
    QHash<StreamKey, Stream> m_streams;
    qsizetype m_bufferedBytes = 0;
};
