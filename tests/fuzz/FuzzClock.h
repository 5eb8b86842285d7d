// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Clock.h"
#include "StackProbe.h"
#include "VirtualClock.h"

/**
 * The router fuzzer's clock: a VirtualClock (time moves only when the input says so) whose every
 * use probes the stack, because the router asks for the time at each packet it handles — so a
 * recursion over nested packets shows in StackProbe::deepest() however it is reached.
 */
class FuzzClock final : public Clock
{
public:
    qint64 monotonicMs() const override
    {
        StackProbe::check();
        return m_clock.monotonicMs();
    }
    qint64 epochMs() const override
    {
        StackProbe::check();
        return m_clock.epochMs();
    }
    TimerId callAfter(qint64 delayMs, QObject *context, std::function<void()> callback) override
    {
        StackProbe::check();
        return m_clock.callAfter(delayMs, context, std::move(callback));
    }
    void cancel(TimerId id) override { m_clock.cancel(id); }

    void advance(qint64 ms) { m_clock.advance(ms); }
    int pendingCount() const { return m_clock.pendingCount(); }

private:
    VirtualClock m_clock;
};
