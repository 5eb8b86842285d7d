// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

struct Packet;

/**
 * A packet's identity for de-duplication and fanout subsetting: the first 16 bytes of
 * SHA-256(type || senderID || timestamp (8 bytes, BE) || payload), as spec 05 §4.2 defines the
 * gossip-sync packet ID. Relays that re-send a packet (TTL changed) keep its ID; a forged copy
 * with any other content gets another.
 */
class PacketId
{
public:
    static constexpr qsizetype Size = 16;

    static QByteArray of(const Packet &packet);
};
