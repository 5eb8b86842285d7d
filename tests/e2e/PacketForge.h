// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include "Identity.h"
#include "Packet.h"
#include "PeerId.h"
#include "SigningKeyPair.h"

class InflationBomb;

/**
 * Crafts the packets a hostile peer sends (issue 8): valid ones signed with keys it owns, forged
 * ones claiming someone else's peer ID, copies with the signature damaged, compression bombs,
 * nested fragments and traffic under throw-away sender IDs. Builds values with the protocol
 * library's own codecs, so what goes on the wire is exactly what a real attacker could send;
 * owns no socket (HostilePeer sends).
 */
class PacketForge
{
public:
    /** How a copy of a signed packet is spoiled (issue 8, attack 3). */
    enum class SignatureDamage
    {
        Zeroed,  ///< hasSignature stays set, the 64 bytes are zero
        Removed, ///< no signature section at all
    };

    /** Milliseconds since the epoch, as packet timestamps carry them. */
    static quint64 nowMs();
    static QByteArray randomBytes(qsizetype size);
    static PeerId randomPeerId();

    /**
     * A signed announce (spec 04 §2) for @p sender with @p noiseKey and @p signer's public key,
     * signed by @p signer. Nothing ties @p sender to @p noiseKey here: a forged announce for
     * someone else's ID is this with their Noise key and the attacker's signer. With
     * @p padding, its bulk follows the TLVs (receivers skip TLVs they do not know, e.g.
     * emptyTlvs()); otherwise the payload is compressed when that pays.
     */
    static Packet announce(const PeerId &sender, const QByteArray &noiseKey,
                           const SigningKeyPair &signer, const QString &nick, quint64 timestamp,
                           quint8 ttl = Packet::DefaultTtl, const InflationBomb *padding = nullptr);
    /** A genuine announce of @p identity. */
    static Packet announce(const Identity &identity, const QString &nick, quint64 timestamp,
                           quint8 ttl = Packet::DefaultTtl);

    /**
     * A public message (spec 04 §3.1) from @p sender signed by @p signer, compressed if it pays;
     * with @p bulk, the text is @p text followed by the bulk.
     */
    static Packet message(const PeerId &sender, const SigningKeyPair &signer,
                          const QByteArray &text, quint64 timestamp,
                          quint8 ttl = Packet::DefaultTtl, const InflationBomb *bulk = nullptr);

    /** @p packet with its signature spoiled as @p damage says; everything else unchanged. */
    static Packet damaged(Packet packet, SignatureDamage damage);

    /** @p bytes of TLV-8 entries of an unknown type with empty values (2 bytes each). */
    static QByteArray emptyTlvs(qsizetype bytes);

    /** One fragment of a two-fragment stream with a fresh fragment ID (issue 8, attack 8). */
    static Packet loneFragment(const PeerId &sender, qsizetype dataBytes);
    /** A broadcast packet of a type no node acts on, with a random payload. */
    static Packet unknownType(const PeerId &sender, qsizetype payloadBytes,
                              quint8 type = UnknownType);
    /** A `noiseEncrypted` packet of random bytes addressed to @p recipient, as relays carry. */
    static Packet directedCiphertext(const PeerId &sender, const PeerId &recipient,
                                     qsizetype payloadBytes);

    /** A `type` byte outside the spec's table (spec 01 §7): relays pass such packets on. */
    static constexpr quint8 UnknownType = 0x7e;
    /** A TLV type no announce defines (spec 04 §2): receivers skip it. */
    static constexpr quint8 UnknownTlv = 0xee;
};
