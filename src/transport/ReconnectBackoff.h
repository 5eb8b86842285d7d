// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

class QRandomGenerator;

/**
 * The delay schedule between attempts to reach the same address: exponential from an initial
 * delay up to a cap, each delay spread by random jitter so nodes that lost each other at the same
 * moment do not redial in lockstep. A pure calculator: it owns no timer and uses (does not own)
 * the random generator handed in.
 */
class ReconnectBackoff
{
public:
    struct Policy
    {
        /** Base delay before the first retry, ms. */
        qint64 initialMs = 1'000;
        /** The base doubles after each retry up to this, ms; jitter applies on top. */
        qint64 maxMs = 60'000;
        /** Each delay is base × (1 ± jitter), uniformly; 0 disables jitter. */
        double jitter = 0.2;
        /** A link that stayed up this long (ms) counts as success and resets the schedule. */
        qint64 resetAfterMs = 30'000;
    };

    ReconnectBackoff(Policy policy, QRandomGenerator *random);

    /** The delay before the next attempt, ms; advances the schedule. */
    qint64 nextDelayMs();
    /** Starts the schedule again from Policy::initialMs. */
    void reset();
    /** The base (unjittered) delay nextDelayMs() will use next, ms. */
    qint64 currentBaseMs() const { return m_baseMs; }
    const Policy &policy() const { return m_policy; }

private:
    Policy m_policy;
    QRandomGenerator *m_random;
    qint64 m_baseMs;
};
