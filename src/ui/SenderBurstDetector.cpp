// SPDX-License-Identifier: GPL-3.0-or-later
#include "SenderBurstDetector.h"

#include <algorithm>

SenderBurstDetector::SenderBurstDetector(int limit, qint64 windowMs, int maxSenders)
    : m_limit(std::max(1, limit))
    , m_windowMs(std::max<qint64>(1, windowMs))
    , m_maxSenders(std::max(1, maxSenders))
{}

bool SenderBurstDetector::record(const PeerId &sender, qint64 atMs)
{
    if (!m_senders.contains(sender) && m_senders.size() >= m_maxSenders)
        forgetSome(sender, atMs);
    Recent &recent = m_senders[sender];
    recent.newest = std::max(recent.newest, atMs);
    if (recent.times.size() < m_limit) {
        recent.times.append(atMs);
        return false;
    }
    // The ring holds the previous m_limit times; its oldest decides. A clock that stepped back
    // (oldest after atMs) counts as inside the window.
    qint64 &oldest = recent.times[recent.next];
    const bool over = atMs - oldest < m_windowMs;
    oldest = atMs;
    recent.next = (recent.next + 1) % m_limit;
    return over;
}

void SenderBurstDetector::forgetSome(const PeerId &keep, qint64 nowMs)
{
    // Down to three quarters of the cap, so the scan runs once per maxSenders / 4 new senders.
    const qsizetype target = m_maxSenders - std::max(1, m_maxSenders / 4);
    for (auto it = m_senders.begin(); it != m_senders.end();) {
        if (it.key() != keep && nowMs - it->newest >= m_windowMs)
            it = m_senders.erase(it);
        else
            ++it;
    }
    for (auto it = m_senders.begin(); it != m_senders.end() && m_senders.size() > target;) {
        if (it.key() != keep)
            it = m_senders.erase(it);
        else
            ++it;
    }
}
