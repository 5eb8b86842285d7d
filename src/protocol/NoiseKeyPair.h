// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QByteArray>
#include <QByteArrayView>

/**
 * A node's long-term Curve25519 (X25519) Noise static key pair (spec README, "static key").
 * The peer ID and fingerprint derive from its public half. Wipes the secret on destruction.
 */
class NoiseKeyPair
{
public:
    static constexpr qsizetype KeySize = 32;

    static NoiseKeyPair generate();
    /** The key pair for a 32-byte X25519 secret key, or nullopt. */
    static std::optional<NoiseKeyPair> fromSecretKey(QByteArrayView secretKey);

    NoiseKeyPair(const NoiseKeyPair &other) = default;
    NoiseKeyPair &operator=(const NoiseKeyPair &other) = default;
    ~NoiseKeyPair();

    const QByteArray &publicKey() const { return m_publicKey; }
    const QByteArray &secretKey() const { return m_secretKey; }

private:
    NoiseKeyPair() = default;

    QByteArray m_publicKey;
    QByteArray m_secretKey;
};
