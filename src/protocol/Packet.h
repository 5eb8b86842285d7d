// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QByteArray>
#include <QList>

#include "MessageType.h"
#include "PeerId.h"

/**
 * One bitchat packet as a value (spec 01). Keeps the raw `type` byte so unknown types pass
 * through, and — when the packet arrived compressed — the payload section exactly as received,
 * because the signature covers those bytes and another DEFLATE implementation may not reproduce
 * them.
 */
struct Packet
{
    static constexpr quint8 DefaultTtl = 7;
    static constexpr qsizetype SignatureSize = 64;

    quint8 version = 1;
    quint8 type = 0;
    quint8 ttl = DefaultTtl;
    /** Milliseconds since the Unix epoch. */
    quint64 timestamp = 0;
    PeerId senderId;
    std::optional<PeerId> recipientId;
    /** Source route, version 2 only (spec 01 §4.2). An empty list still sets hasRoute. */
    std::optional<QList<PeerId>> route;
    /** The application payload, decompressed. */
    QByteArray payload;
    /** When set, the wire payload section (size preamble + raw DEFLATE) and isCompressed is set. */
    std::optional<QByteArray> compressedPayload;
    std::optional<QByteArray> signature;
    /** Solicited sync response; outside the signature (spec 01 §3). */
    bool isRsr = false;

    MessageType messageType() const { return static_cast<MessageType>(type); }
    bool isCompressed() const { return compressedPayload.has_value(); }
    /** No recipient (iOS) or the all-ones one (Android): both apps treat either as broadcast. */
    bool isBroadcast() const { return !recipientId || recipientId->isBroadcast(); }

    friend bool operator==(const Packet &, const Packet &) = default;
};
