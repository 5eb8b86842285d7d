// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>

#include "CodecResult.h"
#include "Packet.h"

/**
 * Splits a packet whose frame exceeds a link's MTU into `fragment` packets (spec 02 §3).
 * Each fragment packet copies the original's version, TTL, timestamp, sender, recipient and —
 * for v2 — its source route (§3.3), is unsigned (the reassembled packet carries the signature),
 * and is sized so its own frame fits the MTU.
 */
class Fragmenter
{
public:
    static constexpr qsizetype DefaultChunkSize = 469; // spec 02 §2
    static constexpr qsizetype MinimumChunkSize = 64;  // spec 02 §3.3
    static constexpr int MaxFragments = 10000;         // spec 02 §3.2
    static constexpr int MaxDirectedFileFragments = 256;

    /** True when @p frameSize bytes do not fit one send on a link of @p mtu bytes. */
    static bool needsFragmentation(qsizetype frameSize, qsizetype mtu) { return frameSize > mtu; }

    /** The largest data slice whose fragment packet still fits @p mtu, within [64, 469]. */
    static qsizetype chunkSizeFor(const Packet &original, qsizetype mtu);

    /**
     * The fragment packets for @p original, whose encoded frame is @p frame. @p fragmentId is
     * 8 random bytes (randomFragmentId()). Fails with FragmentOverCap when more fragments than the
     * spec allows would be needed (256 for a directed fileTransfer, 10,000 otherwise).
     */
    static CodecResult<QList<Packet>> split(const Packet &original, const QByteArray &frame,
                                            qsizetype chunkSize, const QByteArray &fragmentId);

    static QByteArray randomFragmentId();
};
