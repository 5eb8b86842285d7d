// SPDX-License-Identifier: GPL-3.0-or-later
#include "ReconnectBackoff.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

ReconnectBackoff::ReconnectBackoff(Policy policy, QRandomGenerator *random)
    : m_policy(policy)
    , m_random(random)
    , m_baseMs(std::max<qint64>(1, policy.initialMs))
{
    Q_ASSERT(random);
}

qint64 ReconnectBackoff::nextDelayMs()
{
    const qint64 base = m_baseMs;
    m_baseMs = std::min(m_baseMs * 2, std::max(m_policy.maxMs, m_policy.initialMs));
    const double spread = m_policy.jitter * (2.0 * m_random->generateDouble() - 1.0);
    return std::max<qint64>(1, std::llround(double(base) * (1.0 + spread)));
}

void ReconnectBackoff::reset()
{
    m_baseMs = std::max<qint64>(1, m_policy.initialMs);
}
