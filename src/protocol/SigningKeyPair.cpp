// SPDX-License-Identifier: GPL-3.0-or-later
#include "SigningKeyPair.h"

#include <sodium.h>

#include "Sodium.h"

namespace {
unsigned char *bytes(QByteArray &array)
{
    return reinterpret_cast<unsigned char *>(array.data());
}
const unsigned char *bytes(QByteArrayView view)
{
    return reinterpret_cast<const unsigned char *>(view.data());
}
} // namespace

SigningKeyPair SigningKeyPair::generate()
{
    ensureSodium();
    QByteArray seed(SeedSize, Qt::Uninitialized);
    randombytes_buf(seed.data(), size_t(seed.size()));
    SigningKeyPair pair = *fromSeed(seed);
    sodium_memzero(seed.data(), size_t(seed.size()));
    return pair;
}

std::optional<SigningKeyPair> SigningKeyPair::fromSeed(QByteArrayView seed)
{
    if (seed.size() != SeedSize || !ensureSodium())
        return std::nullopt;
    SigningKeyPair pair;
    pair.m_publicKey.resize(crypto_sign_PUBLICKEYBYTES);
    pair.m_secretKey.resize(crypto_sign_SECRETKEYBYTES);
    crypto_sign_seed_keypair(bytes(pair.m_publicKey), bytes(pair.m_secretKey), bytes(seed));
    return pair;
}

SigningKeyPair::~SigningKeyPair()
{
    if (!m_secretKey.isEmpty() && !m_secretKey.isDetached())
        return; // another copy still shares (and will wipe) the bytes
    sodium_memzero(m_secretKey.data(), size_t(m_secretKey.size()));
}

QByteArray SigningKeyPair::seed() const
{
    return m_secretKey.left(SeedSize);
}

QByteArray SigningKeyPair::sign(QByteArrayView message) const
{
    QByteArray signature(SignatureSize, Qt::Uninitialized);
    crypto_sign_detached(bytes(signature), nullptr, bytes(message),
                         static_cast<unsigned long long>(message.size()), bytes(m_secretKey));
    return signature;
}

bool SigningKeyPair::verify(QByteArrayView publicKey, QByteArrayView message,
                            QByteArrayView signature)
{
    if (publicKey.size() != PublicKeySize || signature.size() != SignatureSize || !ensureSodium())
        return false;
    return crypto_sign_verify_detached(bytes(signature), bytes(message),
                                       static_cast<unsigned long long>(message.size()),
                                       bytes(publicKey)) == 0;
}
