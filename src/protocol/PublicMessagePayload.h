// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include "CodecResult.h"

/**
 * The public `message` payload (spec 04 §3.1): the text's UTF-8 bytes, nothing else. The `leave`
 * payload (§3.3) is empty and needs no codec. MaxBytes is Meshcast's own cap on composed text (the
 * spec sets none below payloadLength): long enough for any chat line, short enough that a message
 * spans at most ten 469-byte fragments on BLE.
 */
class PublicMessagePayload
{
public:
    static constexpr qsizetype MaxBytes = 4096;

    static QByteArray encode(const QString &text) { return text.toUtf8(); }
    /** The text, or BadUtf8 for bytes that are not valid UTF-8. */
    static CodecResult<QString> decode(QByteArrayView payload);
};
