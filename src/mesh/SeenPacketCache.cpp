// SPDX-License-Identifier: GPL-3.0-or-later
#include "SeenPacketCache.h"

SeenPacketCache::SeenPacketCache(int capacity, qint64 expiryMs)
    : m_capacity(capacity)
    , m_expiryMs(expiryMs)
{}

bool SeenPacketCache::insert(const QByteArray &id, qint64 nowMs)
{
    prune(nowMs);
    if (m_seenAt.contains(id))
        return false;
    while (int(m_order.size()) >= m_capacity) {
        m_seenAt.remove(m_order.front().second);
        m_order.pop_front();
    }
    m_seenAt.insert(id, nowMs);
    m_order.emplace_back(nowMs, id);
    return true;
}

bool SeenPacketCache::contains(const QByteArray &id, qint64 nowMs)
{
    prune(nowMs);
    return m_seenAt.contains(id);
}

void SeenPacketCache::prune(qint64 nowMs)
{
    while (!m_order.empty() && nowMs - m_order.front().first >= m_expiryMs) {
        m_seenAt.remove(m_order.front().second);
        m_order.pop_front();
    }
}
