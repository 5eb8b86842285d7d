// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QByteArray>
#include <QByteArrayView>

/**
 * A node's long-term Ed25519 signing key pair (spec README, "signing key"), through libsodium.
 * Owns the secret key and wipes it on destruction.
 */
class SigningKeyPair
{
public:
    static constexpr qsizetype PublicKeySize = 32;
    static constexpr qsizetype SeedSize = 32;
    static constexpr qsizetype SignatureSize = 64;

    static SigningKeyPair generate();
    /** The key pair derived from a 32-byte seed (RFC 8032's "secret key"), or nullopt. */
    static std::optional<SigningKeyPair> fromSeed(QByteArrayView seed);

    SigningKeyPair(const SigningKeyPair &other) = default;
    SigningKeyPair &operator=(const SigningKeyPair &other) = default;
    ~SigningKeyPair();

    const QByteArray &publicKey() const { return m_publicKey; }
    /** The 32-byte seed: what is stored on disk. */
    QByteArray seed() const;
    QByteArray sign(QByteArrayView message) const;

    static bool verify(QByteArrayView publicKey, QByteArrayView message, QByteArrayView signature);

private:
    SigningKeyPair() = default;

    QByteArray m_publicKey;
    QByteArray m_secretKey; // libsodium's 64-byte form: seed || public key
};
