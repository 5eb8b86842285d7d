// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>

#include "Identity.h"
#include "Packet.h"

/**
 * The fixed cast of the router fuzzer, derived from constant seeds so every run, every
 * reproducer and the committed seed corpus (fuzz_seeds) agree byte for byte:
 *   self      the node under test
 *   honest    a neighbour whose every signature the harness makes and records
 *   attacker  a stranger with a valid identity of its own
 * and a pool of throw-away peer IDs (random-looking Noise keys, the attacker's signing key) for
 * flooding the peer table, as issue 8 defect 2 does.
 */
class FuzzIdentities
{
public:
    static const Identity &self();
    static const Identity &honest();
    static const Identity &attacker();

    /** Timestamps the harness and the seeds sign with: the VirtualClock's start plus @p ms. */
    static quint64 epochAt(qint64 ms);

    /** The announce @p identity signs for itself, under @p nickname. */
    static Packet announce(const Identity &identity, const QString &nickname, quint64 timestamp,
                           quint8 ttl = Packet::DefaultTtl);
    /** A public message from @p identity, signed (compressed first when @p compress). */
    static Packet message(const Identity &identity, const QString &text, quint64 timestamp,
                          quint8 version = 1, bool compress = false);

    /** Frames of announces from throw-away IDs, signed by the attacker, built once. */
    static const QList<QByteArray> &strangerAnnounces();
    static constexpr int StrangerCount = 4096; // with the honest peer, past PeerTable::MaxBindings
};
