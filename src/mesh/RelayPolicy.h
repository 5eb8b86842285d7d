// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include "Packet.h"

/**
 * The relay decisions of spec 05 §1 as pure functions: whether a packet may be re-sent at all,
 * with which TTL, and to which subset of links. The router applies them; tests check them row
 * by row.
 */
class RelayPolicy
{
public:
    /** True when spec 05 §1.1 forbids re-sending @p packet: our own, addressed to us, TTL
     *  0 or 1 (0 after decrement), or a requestSync. */
    static bool isSuppressed(const Packet &packet, const PeerId &self);

    /** The TTL to forward with: decremented, then clamped by connection @p degree (§1.2). */
    static quint8 forwardTtl(const Packet &packet, int degree);

    /** Fragments, announces and requestSync go to every allowed link (§1.3); directed
     *  packets are not subset either. */
    static bool bypassesSubsetting(const Packet &packet);

    /** `k` for @p n candidate links: all when n ≤ 2, else bitlength(n − 1) + 1 (§1.3). */
    static int subsetSize(int n);

    /**
     * The links a broadcast goes to (§1.3 step 4): the @p k candidates with the lowest
     * SHA-256("{messageId}::{id}"), ties broken by id. @p candidateIds are already collapsed
     * (one per peer) and exclude the arrival link. The result is in digest order, whatever the
     * order of the candidates.
     */
    static QStringList selectSubset(const QString &messageId, QStringList candidateIds);
};
