// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include "CodecResult.h"

/**
 * The payload of a `fragment` packet (spec 02 §3.1): a 13-byte header — fragmentID (8),
 * index (2, BE), total (2, BE), originalType (1) — then one slice of the original frame.
 */
struct FragmentPayload
{
    static constexpr qsizetype IdSize = 8;
    static constexpr qsizetype HeaderSize = 13;

    QByteArray fragmentId;
    quint16 index = 0;
    quint16 total = 0;
    quint8 originalType = 0;
    QByteArray data;

    QByteArray encode() const;
    /** Refuses (Truncated) anything shorter than the header; the data may be empty. */
    static CodecResult<FragmentPayload> decode(QByteArrayView payload);

    friend bool operator==(const FragmentPayload &, const FragmentPayload &) = default;
};
