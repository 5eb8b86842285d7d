// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include "NoiseKeyPair.h"
#include "PeerId.h"
#include "SigningKeyPair.h"

/**
 * Who a node is on the mesh: its Ed25519 signing key pair and its X25519 Noise static key pair,
 * with the peer ID and fingerprint derived from the latter (spec README glossary). Storing it is
 * the mesh layer's job; this class only holds and derives.
 */
class Identity
{
public:
    Identity(SigningKeyPair signing, NoiseKeyPair noise);
    static Identity generate();

    const SigningKeyPair &signing() const { return m_signing; }
    const NoiseKeyPair &noise() const { return m_noise; }
    PeerId peerId() const { return m_peerId; }
    /** SHA-256 of the Noise static public key: the peer's stable identity. */
    QByteArray fingerprint() const;

    /** The 64 hex digits of a fingerprint in 16 groups of 4, as users compare them aloud. */
    static QString formatFingerprint(const QByteArray &fingerprint);
    /** The first 4 groups: enough to tell peers apart in a list. */
    static QString shortFingerprint(const QByteArray &fingerprint);
    static QByteArray fingerprintOf(QByteArrayView noisePublicKey);

private:
    SigningKeyPair m_signing;
    NoiseKeyPair m_noise;
    PeerId m_peerId;
};
