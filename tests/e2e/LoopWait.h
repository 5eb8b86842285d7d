// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

/**
 * Bounded waits that keep the event loop running without pause. QTest::qWaitFor sleeps 10 ms
 * between rounds of events, which caps what a test process can write to a socket at a few MB/s:
 * an attacker flooding from the test process must wait with these instead.
 */
namespace LoopWait {
/** Runs the event loop until @p predicate holds (checked every few ms) or @p timeoutMs pass. */
bool until(const std::function<bool()> &predicate, int timeoutMs);
} // namespace LoopWait
