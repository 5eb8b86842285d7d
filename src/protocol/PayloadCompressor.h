// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QByteArray>
#include <QByteArrayView>

#include "CodecResult.h"

/**
 * Raw DEFLATE (RFC 1951, zlib with negative window bits) for the payload section, with the
 * big-endian original-size preamble of spec 01 §4.3: 2 bytes in v1 packets, 4 bytes in v2.
 *
 * The spec leaves when to compress to the implementation; Meshcast follows the bitchat apps:
 * payloads under Threshold bytes are sent as they are, and compression is used only when the
 * section (preamble included) comes out smaller than the original. Decompression is guarded:
 * the declared size must be within the caller's limit and within what DEFLATE can expand the
 * given bytes to, and the stream must inflate to exactly that size.
 */
class PayloadCompressor
{
public:
    static constexpr qsizetype Threshold = 100;
    /** DEFLATE's best case is 258 bytes per 2-bit code pair: no stream expands more than 1032:1. */
    static constexpr qsizetype MaxRatio = 1032;

    /** Preamble width for a packet of @p version: 2 for v1, 4 for v2. */
    static int preambleSize(quint8 version) { return version == 1 ? 2 : 4; }

    enum class Policy
    {
        WhenWorthwhile,
        Always
    };

    /**
     * The compressed payload section for @p payload, or nullopt when it would not pay (or, with
     * Policy::Always, only when the size does not fit the preamble).
     */
    static std::optional<QByteArray> compress(QByteArrayView payload, quint8 version,
                                              Policy policy = Policy::WhenWorthwhile);

    /** The original payload from a compressed payload section, refusing anything over @p maxSize.
     */
    static CodecResult<QByteArray> decompress(QByteArrayView section, quint8 version,
                                              qsizetype maxSize);
};
