// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>

#include "Identity.h"
#include "StoreResult.h"

/**
 * The on-disk form of a node's Identity: a small versioned JSON object holding the two secrets
 * (Ed25519 seed, X25519 secret key) in hex, plus the public keys and peer ID derived from them so
 * that a damaged file is detected instead of silently yielding another identity. Pure bytes in,
 * bytes out; reading and writing the file is IdentityStore's job.
 *
 * Version 1:
 * {"format": "meshcast-identity", "version": 1, "signing_seed": hex32, "signing_public_key":
 *  hex32, "noise_secret": hex32, "noise_public_key": hex32, "peer_id": hex8}
 */
class IdentityFileCodec
{
    Q_DECLARE_TR_FUNCTIONS(IdentityFileCodec)

public:
    static constexpr int Version = 1;
    /** No valid file comes near this; anything larger is rejected unread. */
    static constexpr qint64 MaxFileSize = 4096;

    static QByteArray encode(const Identity &identity);
    /**
     * The identity in @p bytes, or why they do not hold one: malformed JSON, a missing field,
     * another format or version, or public keys that do not match the secrets.
     */
    static StoreResult<Identity> decode(QByteArrayView bytes);
};
