// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QObject>

/**
 * The source of time and timers for everything with timing logic (routing jitter, presence,
 * reconnect backoff, fragment expiry). Production code uses SystemClock; tests and the simulator
 * use VirtualClock and advance time by hand, so no test sleeps.
 */
class Clock
{
public:
    using TimerId = quint64;

    virtual ~Clock() = default;

    /** Monotonic milliseconds, for durations and expiry. */
    virtual qint64 monotonicMs() const = 0;
    /** Milliseconds since the Unix epoch, for packet timestamps. */
    virtual qint64 epochMs() const = 0;
    /**
     * Calls @p callback once after @p delayMs, on the event loop, unless cancelled first or
     * @p context is destroyed first. Returns an ID for cancel(); never 0.
     */
    virtual TimerId callAfter(qint64 delayMs, QObject *context, std::function<void()> callback) = 0;
    /** Cancels a pending call; unknown or already-run IDs are ignored. */
    virtual void cancel(TimerId id) = 0;
};
