// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <deque>

#include <QByteArray>
#include <QHash>

/**
 * The packets this node has already handled, by PacketId, so copies arriving over other links
 * are dropped rather than flooded again (spec 05 §1.1). Bounded in both count and age: the
 * oldest entry goes first when full, and entries expire after the window (RECOMMENDED 1000 / 5
 * min).
 */
class SeenPacketCache
{
public:
    static constexpr int DefaultCapacity = 1000;
    static constexpr qint64 DefaultExpiryMs = 5 * 60 * 1000;

    explicit SeenPacketCache(int capacity = DefaultCapacity, qint64 expiryMs = DefaultExpiryMs);

    /** Records @p id as seen at @p nowMs. True when it was new (not seen inside the window). */
    bool insert(const QByteArray &id, qint64 nowMs);
    bool contains(const QByteArray &id, qint64 nowMs);
    int size() const { return int(m_seenAt.size()); }

private:
    void prune(qint64 nowMs);

    int m_capacity;
    qint64 m_expiryMs;
    QHash<QByteArray, qint64> m_seenAt;
    std::deque<std::pair<qint64, QByteArray>> m_order; // insertion order = time order
};
