// SPDX-License-Identifier: GPL-3.0-or-later
#include "VirtualClock.h"

#include <algorithm>

VirtualClock::VirtualClock(qint64 startEpochMs)
    : m_startEpochMs(startEpochMs)
{}

Clock::TimerId VirtualClock::callAfter(qint64 delayMs, QObject *context,
                                       std::function<void()> callback)
{
    const TimerId id = m_nextId++;
    m_calls.emplace(m_now + std::max<qint64>(0, delayMs),
                    Call{id, context, context != nullptr, std::move(callback)});
    return id;
}

void VirtualClock::cancel(TimerId id)
{
    const auto it = std::find_if(m_calls.begin(), m_calls.end(),
                                 [id](const auto &entry) { return entry.second.id == id; });
    if (it != m_calls.end())
        m_calls.erase(it);
}

void VirtualClock::advance(qint64 ms)
{
    const qint64 target = m_now + std::max<qint64>(0, ms);
    while (!m_calls.empty() && m_calls.begin()->first <= target) {
        auto node = m_calls.extract(m_calls.begin());
        m_now = node.key();
        Call &call = node.mapped();
        if (call.hadContext && !call.context)
            continue;
        call.callback();
    }
    m_now = target;
}
