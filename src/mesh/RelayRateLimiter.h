// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PeerId.h"
#include "TokenBuckets.h"

/**
 * A token bucket per original sender for the traffic this node relays, so one noisy peer
 * cannot saturate the mesh through us: each sender may burst @p burst packets, refilled at
 * @p perSecond. Local delivery is limited elsewhere (MeshRouter's acceptance limits). Tracks at
 * most @p maxSenders (the least recently active is forgotten first), so memory stays bounded
 * under forged sender IDs.
 */
class RelayRateLimiter
{
public:
    static constexpr double DefaultPerSecond = 10.0;
    static constexpr double DefaultBurst = 40.0;
    static constexpr int DefaultMaxSenders = 1024;

    explicit RelayRateLimiter(double perSecond = DefaultPerSecond, double burst = DefaultBurst,
                              int maxSenders = DefaultMaxSenders);

    /** Takes one token for @p sender at @p nowMs; false when its bucket is empty. */
    bool allow(const PeerId &sender, qint64 nowMs) { return m_buckets.allow(sender, nowMs); }

private:
    TokenBuckets<PeerId> m_buckets;
};
