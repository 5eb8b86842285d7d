// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <map>

#include <QPointer>

#include "Clock.h"

/**
 * A clock that moves only when told to: advance() runs every due call in time order. For tests
 * and the mesh simulator, where hours of protocol time take milliseconds and nothing sleeps.
 */
class VirtualClock final : public Clock
{
public:
    explicit VirtualClock(qint64 startEpochMs = 1'700'000'000'000);

    qint64 monotonicMs() const override { return m_now; }
    qint64 epochMs() const override { return m_startEpochMs + m_now; }
    TimerId callAfter(qint64 delayMs, QObject *context, std::function<void()> callback) override;
    void cancel(TimerId id) override;

    /** Moves time forward by @p ms, running the calls that fall due, including ones they add. */
    void advance(qint64 ms);
    /** How many calls are waiting. */
    int pendingCount() const { return int(m_calls.size()); }

private:
    struct Call
    {
        TimerId id;
        QPointer<QObject> context;
        bool hadContext;
        std::function<void()> callback;
    };

    qint64 m_startEpochMs;
    qint64 m_now = 0;
    TimerId m_nextId = 1;
    std::multimap<qint64, Call> m_calls; // due time -> call; equal times run in insertion order
};
