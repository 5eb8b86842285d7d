// SPDX-License-Identifier: GPL-3.0-or-later
#include "CodecError.h"

QString codecErrorName(CodecError error)
{
    switch (error) {
    case CodecError::Truncated:
        return QStringLiteral("truncated");
    case CodecError::UnsupportedVersion:
        return QStringLiteral("unsupported_version");
    case CodecError::LengthOverrun:
        return QStringLiteral("length_overrun");
    case CodecError::RouteOnV1:
        return QStringLiteral("route_on_v1");
    case CodecError::RouteTooLong:
        return QStringLiteral("route_too_long");
    case CodecError::TrailingBytes:
        return QStringLiteral("trailing_bytes");
    case CodecError::PayloadTooLarge:
        return QStringLiteral("payload_too_large");
    case CodecError::BadSignatureLength:
        return QStringLiteral("bad_signature_length");
    case CodecError::DecompressionRefused:
        return QStringLiteral("decompression_refused");
    case CodecError::DecompressionFailed:
        return QStringLiteral("decompression_failed");
    case CodecError::BadTlv:
        return QStringLiteral("bad_tlv");
    case CodecError::MissingField:
        return QStringLiteral("missing_field");
    case CodecError::BadUtf8:
        return QStringLiteral("bad_utf8");
    case CodecError::BadSignature:
        return QStringLiteral("bad_signature");
    case CodecError::FragmentOverCap:
        return QStringLiteral("fragment_over_cap");
    case CodecError::FragmentMismatch:
        return QStringLiteral("fragment_mismatch");
    case CodecError::FragmentStreamLimit:
        return QStringLiteral("fragment_stream_limit");
    case CodecError::FragmentBudget:
        return QStringLiteral("fragment_budget");
    case CodecError::FragmentStalled:
        return QStringLiteral("fragment_stalled");
    }
    return QStringLiteral("unknown");
}
