// SPDX-License-Identifier: GPL-3.0-or-later
#include "Identity.h"

#include <QCryptographicHash>
#include <QStringList>

namespace {
constexpr int GroupDigits = 4;
constexpr int ShortGroups = 4;
} // namespace

Identity::Identity(SigningKeyPair signing, NoiseKeyPair noise)
    : m_signing(std::move(signing))
    , m_noise(std::move(noise))
    , m_peerId(PeerId::fromNoisePublicKey(m_noise.publicKey()))
{}

Identity Identity::generate()
{
    return Identity(SigningKeyPair::generate(), NoiseKeyPair::generate());
}

QByteArray Identity::fingerprint() const
{
    return fingerprintOf(m_noise.publicKey());
}

QByteArray Identity::fingerprintOf(QByteArrayView noisePublicKey)
{
    return QCryptographicHash::hash(noisePublicKey, QCryptographicHash::Sha256);
}

QString Identity::formatFingerprint(const QByteArray &fingerprint)
{
    const QString hex = QString::fromLatin1(fingerprint.toHex());
    QStringList groups;
    for (qsizetype i = 0; i < hex.size(); i += GroupDigits)
        groups.append(hex.mid(i, GroupDigits));
    return groups.join(QLatin1Char(' '));
}

QString Identity::shortFingerprint(const QByteArray &fingerprint)
{
    return formatFingerprint(fingerprint.left(ShortGroups * GroupDigits / 2));
}
