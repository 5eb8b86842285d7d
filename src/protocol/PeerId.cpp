// SPDX-License-Identifier: GPL-3.0-or-later
#include "PeerId.h"

#include <QCryptographicHash>

#include <algorithm>

std::optional<PeerId> PeerId::fromBytes(QByteArrayView bytes)
{
    if (bytes.size() != Size)
        return std::nullopt;
    PeerId id;
    std::copy(bytes.begin(), bytes.end(), id.m_bytes.begin());
    return id;
}

std::optional<PeerId> PeerId::fromHex(QStringView hex)
{
    if (hex.size() != Size * 2)
        return std::nullopt;
    const bool allHex = std::all_of(hex.begin(), hex.end(), [](QChar c) {
        return c.isDigit() || (c.toLower() >= u'a' && c.toLower() <= u'f');
    });
    if (!allHex)
        return std::nullopt;
    return fromBytes(QByteArray::fromHex(hex.toLatin1()));
}

PeerId PeerId::fromNoisePublicKey(QByteArrayView noisePublicKey)
{
    const QByteArray digest =
        QCryptographicHash::hash(noisePublicKey, QCryptographicHash::Sha256).left(Size);
    return *fromBytes(digest);
}

QByteArray PeerId::toBytes() const
{
    return QByteArray(reinterpret_cast<const char *>(m_bytes.data()), Size);
}

QString PeerId::toHex() const
{
    return QString::fromLatin1(toBytes().toHex());
}

bool PeerId::isNull() const
{
    return std::all_of(m_bytes.begin(), m_bytes.end(), [](quint8 b) { return b == 0; });
}

bool PeerId::isBroadcast() const
{
    return std::all_of(m_bytes.cbegin(), m_bytes.cend(), [](quint8 byte) { return byte == 0xFF; });
}

PeerId PeerId::broadcast()
{
    PeerId id;
    id.m_bytes.fill(0xFF);
    return id;
}
