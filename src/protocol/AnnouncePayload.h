// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include "CodecResult.h"
#include "PeerCapabilities.h"
#include "PeerId.h"

/**
 * The `announce` payload (spec 04 §2): a TLV-8 sequence naming the node (nickname, Noise static
 * key, signing key) and optionally its direct neighbours, capabilities and bridge geohash.
 * Unknown TLV types are skipped; a missing required field or a malformed known one is refused.
 */
struct AnnouncePayload
{
    static constexpr qsizetype KeySize = 32;
    static constexpr int MaxNeighbors = 10;
    static constexpr qsizetype MaxNicknameBytes = 255;

    QString nickname;
    QByteArray noisePublicKey;
    QByteArray signingPublicKey;
    QList<PeerId> directNeighbors;
    std::optional<PeerCapabilities> capabilities;
    QString bridgeGeohash;

    /**
     * The TLV-8 bytes. A nickname over 255 UTF-8 bytes is cut on a character boundary;
     * neighbours beyond 10 are dropped; keys of the wrong size fail with MissingField.
     */
    CodecResult<QByteArray> encode() const;
    static CodecResult<AnnouncePayload> decode(QByteArrayView payload);

    friend bool operator==(const AnnouncePayload &, const AnnouncePayload &) = default;
};
