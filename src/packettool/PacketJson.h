// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QByteArray>
#include <QJsonObject>

#include "CodecResult.h"
#include "Packet.h"

/**
 * The JSON face of a packet used by `meshcast packet …` (docs/CLI.md): field names in
 * snake_case, byte strings as lower-case hex without separators, absent sections as null.
 */
class PacketJson
{
public:
    /**
     * Every decoded field plus derived ones (compressed, signing_transcript, encoded_padded) as
     * one line of compact JSON. The timestamp is written as an exact unsigned integer over its
     * whole 64-bit range, which QJsonValue (double or qint64) cannot hold.
     */
    static QByteArray describe(const Packet &packet);
    /**
     * The `timestamp` number exactly as written in @p jsonText (any 64-bit unsigned value), or
     * nullopt when it is not a plain integer there; parse() then reads it from the object.
     */
    static std::optional<quint64> rawTimestamp(QByteArrayView jsonText);
    /**
     * The packet an input object describes (version, type, ttl, timestamp, sender_id,
     * recipient_id, route, payload, signature, is_rsr; optional compressed). Without
     * `compressed`, the payload is compressed when that pays, as a sender would.
     * Fails with the first field that is missing or malformed, named in @p badField.
     */
    static CodecResult<Packet> parse(const QJsonObject &object, QString *badField,
                                     std::optional<quint64> exactTimestamp = std::nullopt);
};
