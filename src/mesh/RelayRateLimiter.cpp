// SPDX-License-Identifier: GPL-3.0-or-later
#include "RelayRateLimiter.h"

#include <algorithm>

RelayRateLimiter::RelayRateLimiter(double perSecond, double burst, int maxSenders)
    : m_perSecond(perSecond)
    , m_burst(burst)
    , m_maxSenders(maxSenders)
{}

bool RelayRateLimiter::allow(const PeerId &sender, qint64 nowMs)
{
    auto it = m_buckets.find(sender);
    if (it == m_buckets.end()) {
        if (m_buckets.size() >= m_maxSenders)
            forgetIdlest();
        it = m_buckets.insert(sender, Bucket{m_burst, nowMs});
    }
    const double elapsedSeconds = double(std::max<qint64>(0, nowMs - it->updatedMs)) / 1000.0;
    it->tokens = std::min(m_burst, it->tokens + elapsedSeconds * m_perSecond);
    it->updatedMs = nowMs;
    if (it->tokens < 1.0)
        return false;
    it->tokens -= 1.0;
    return true;
}

void RelayRateLimiter::forgetIdlest()
{
    auto idlest =
        std::min_element(m_buckets.begin(), m_buckets.end(), [](const Bucket &a, const Bucket &b) {
            return a.updatedMs < b.updatedMs;
        });
    if (idlest != m_buckets.end())
        m_buckets.erase(idlest);
}
