// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <list>

#include <QHash>

/**
 * A token bucket per key (a sender, a link): each key may spend Rate::burst tokens at once,
 * refilled at Rate::perSecond. Tracks at most maxKeys keys; past that the least recently used key
 * is forgotten (its next packet starts from a full bucket), so memory stays bounded however many
 * keys a peer makes up. Time comes in as an argument (monotonic ms). All operations are O(1).
 */
template<typename Key>
class TokenBuckets
{
public:
    struct Rate
    {
        double perSecond = 10.0;
        double burst = 40.0;
    };

    TokenBuckets(Rate rate, int maxKeys)
        : m_rate(rate)
        , m_maxKeys(std::max(1, maxKeys))
    {}

    /** Spends @p cost tokens of @p key at @p nowMs; false (nothing spent) when too few are left. */
    bool allow(const Key &key, qint64 nowMs, double cost = 1.0)
    {
        Bucket &bucket = touch(key, nowMs);
        if (bucket.tokens < cost)
            return false;
        bucket.tokens -= cost;
        return true;
    }

    /** Tokens @p key could spend at @p nowMs. */
    double available(const Key &key, qint64 nowMs) { return touch(key, nowMs).tokens; }

    void forget(const Key &key)
    {
        const auto it = m_buckets.find(key);
        if (it == m_buckets.end())
            return;
        m_order.erase(it->order);
        m_buckets.erase(it);
    }

    void setRate(Rate rate) { m_rate = rate; }
    const Rate &rate() const { return m_rate; }
    int size() const { return int(m_buckets.size()); }

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 updatedMs = 0;
        typename std::list<Key>::iterator order;
    };

    Bucket &touch(const Key &key, qint64 nowMs)
    {
        auto it = m_buckets.find(key);
        if (it == m_buckets.end()) {
            if (m_buckets.size() >= m_maxKeys) {
                m_buckets.remove(m_order.front());
                m_order.pop_front();
            }
            m_order.push_back(key);
            it = m_buckets.insert(key, Bucket{m_rate.burst, nowMs, std::prev(m_order.end())});
        } else {
            m_order.splice(m_order.end(), m_order, it->order);
        }
        const double elapsedSeconds = double(std::max<qint64>(0, nowMs - it->updatedMs)) / 1000.0;
        it->tokens = std::min(m_rate.burst, it->tokens + elapsedSeconds * m_rate.perSecond);
        it->updatedMs = nowMs;
        return *it;
    }

    Rate m_rate;
    int m_maxKeys;
    std::list<Key> m_order; // least recently used first
    QHash<Key, Bucket> m_buckets;
};
