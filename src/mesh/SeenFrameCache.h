// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <deque>

#include <QByteArray>
#include <QHash>

/**
 * Frames already handled, by FrameDigest, each with the PacketId it carried: the router's fast
 * path, which recognises a copy of a handled packet before decoding or inflating it. Only frames
 * whose packet entered the SeenPacketCache (verified, or unsigned) are recorded, so a forged copy
 * never makes the genuine one look handled. Bounded in count and age like SeenPacketCache.
 */
class SeenFrameCache
{
public:
    explicit SeenFrameCache(int capacity, qint64 expiryMs);

    void insert(const QByteArray &digest, const QByteArray &packetId, qint64 nowMs);
    /** The packet ID recorded for @p digest, or an empty array. */
    QByteArray find(const QByteArray &digest, qint64 nowMs);
    int size() const { return int(m_entries.size()); }

private:
    struct Entry
    {
        QByteArray packetId;
        qint64 seenMs = 0;
    };
    void prune(qint64 nowMs);

    int m_capacity;
    qint64 m_expiryMs;
    QHash<QByteArray, Entry> m_entries;
    std::deque<std::pair<qint64, QByteArray>> m_order; // insertion order = time order
};
