// SPDX-License-Identifier: GPL-3.0-or-later
#include "SeenFrameCache.h"

SeenFrameCache::SeenFrameCache(int capacity, qint64 expiryMs)
    : m_capacity(capacity)
    , m_expiryMs(expiryMs)
{}

void SeenFrameCache::insert(const QByteArray &digest, const QByteArray &packetId, qint64 nowMs)
{
    prune(nowMs);
    if (m_entries.contains(digest))
        return;
    while (int(m_order.size()) >= m_capacity) {
        m_entries.remove(m_order.front().second);
        m_order.pop_front();
    }
    m_entries.insert(digest, Entry{packetId, nowMs});
    m_order.emplace_back(nowMs, digest);
}

QByteArray SeenFrameCache::find(const QByteArray &digest, qint64 nowMs)
{
    prune(nowMs);
    const auto it = m_entries.constFind(digest);
    return it == m_entries.cend() ? QByteArray() : it->packetId;
}

void SeenFrameCache::prune(qint64 nowMs)
{
    while (!m_order.empty() && nowMs - m_order.front().first >= m_expiryMs) {
        m_entries.remove(m_order.front().second);
        m_order.pop_front();
    }
}
