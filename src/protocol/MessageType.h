// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

/** The packet `type` byte (spec 01 §7). Packets keep the raw byte so unknown types survive. */
enum class MessageType : quint8
{
    Announce = 0x01,
    Message = 0x02,
    Leave = 0x03,
    CourierEnvelope = 0x04,
    NoiseHandshake = 0x10,
    NoiseEncrypted = 0x11,
    Fragment = 0x20,
    RequestSync = 0x21,
    FileTransfer = 0x22,
    BoardPost = 0x23,
    PrekeyBundle = 0x24,
    GroupMessage = 0x25,
    Ping = 0x26,
    Pong = 0x27,
    NostrCarrier = 0x28,
    VoiceFrame = 0x29,
};

/** True for every value of the spec's type table; a router skips (never rejects) the others. */
bool isKnownMessageType(quint8 type);
/** The spec's name for @p type ("announce", "noiseHandshake", …), or "unknown(0xNN)". */
QString messageTypeName(quint8 type);
/** Only Noise packets are padded on the wire (spec 01 §6). */
bool isPaddedOnWire(quint8 type);
