// SPDX-License-Identifier: GPL-3.0-or-later
#include "NoiseKeyPair.h"

#include <sodium.h>

#include "Sodium.h"

NoiseKeyPair NoiseKeyPair::generate()
{
    ensureSodium();
    QByteArray secret(KeySize, Qt::Uninitialized);
    randombytes_buf(secret.data(), size_t(secret.size()));
    NoiseKeyPair pair = *fromSecretKey(secret);
    sodium_memzero(secret.data(), size_t(secret.size()));
    return pair;
}

std::optional<NoiseKeyPair> NoiseKeyPair::fromSecretKey(QByteArrayView secretKey)
{
    if (secretKey.size() != KeySize || !ensureSodium())
        return std::nullopt;
    NoiseKeyPair pair;
    pair.m_secretKey = secretKey.toByteArray();
    pair.m_publicKey.resize(KeySize);
    crypto_scalarmult_base(reinterpret_cast<unsigned char *>(pair.m_publicKey.data()),
                           reinterpret_cast<const unsigned char *>(pair.m_secretKey.constData()));
    return pair;
}

NoiseKeyPair::~NoiseKeyPair()
{
    if (!m_secretKey.isEmpty() && !m_secretKey.isDetached())
        return; // another copy still shares (and will wipe) the bytes
    sodium_memzero(m_secretKey.data(), size_t(m_secretKey.size()));
}
