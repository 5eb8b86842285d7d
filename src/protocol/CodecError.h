// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/**
 * Why the protocol layer refused some bytes (or a packet it was asked to encode). Every decode
 * failure is one of these; none throws. Values are stable: counters are indexed by them.
 */
enum class CodecError
{
    Truncated,            ///< a fixed-size field is cut off
    UnsupportedVersion,   ///< version byte is neither 1 nor 2 (spec 01 §1)
    LengthOverrun,        ///< a declared length runs past the end of the buffer
    RouteOnV1,            ///< hasRoute set on a version 1 packet (spec 01 §3)
    RouteTooLong,         ///< more than 255 hops asked for on encode (spec 01 §4.2)
    TrailingBytes,        ///< bytes left after the last section, and not valid padding
    PayloadTooLarge,      ///< payload over what the version's length field or a limit allows
    BadSignatureLength,   ///< a signature that is not 64 bytes
    DecompressionRefused, ///< declared size over the limit, or a ratio no DEFLATE stream has
    DecompressionFailed,  ///< the DEFLATE stream is corrupt or inflates to another size
    BadTlv,               ///< a TLV entry overruns its payload or a known field is malformed
    MissingField,         ///< a REQUIRED field is absent
    BadUtf8,              ///< text that is not valid UTF-8
    BadSignature,         ///< a signature that does not verify over the signing transcript
    FragmentOverCap,      ///< fragment stream `total` over 10,000 (spec 02 §3.2) or index >= total
    FragmentMismatch,     ///< a fragment disagrees with its stream's total or original type
    FragmentStreamLimit,  ///< a stream evicted to stay within the concurrent-stream guard
    FragmentBudget,       ///< a stream dropped to stay within the buffered-byte guard
    FragmentStalled,      ///< a stream with no new fragment for the stall timeout
};

constexpr int CodecErrorCount = int(CodecError::FragmentStalled) + 1;

/** A stable snake_case name for @p error, used in JSON output and logs ("truncated", …). */
QString codecErrorName(CodecError error);
