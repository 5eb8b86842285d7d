// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

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
    /** Every decoded field plus derived ones: compressed, signing_transcript, encoded_padded. */
    static QJsonObject describe(const Packet &packet);
    /**
     * The packet an input object describes (version, type, ttl, timestamp, sender_id,
     * recipient_id, route, payload, signature, is_rsr; optional compressed). Without
     * `compressed`, the payload is compressed when that pays, as a sender would.
     * Fails with the first field that is missing or malformed, named in @p badField.
     */
    static CodecResult<Packet> parse(const QJsonObject &object, QString *badField);
};
