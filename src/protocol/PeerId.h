// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <compare>
#include <optional>

#include <QByteArray>
#include <QByteArrayView>
#include <QHashFunctions>
#include <QString>

/**
 * The 8-byte identifier a node presents on the mesh: the first 8 bytes of the SHA-256 of its
 * Noise static public key (spec README, glossary "peer ID"). A plain value; all-zero when null.
 */
class PeerId
{
public:
    static constexpr qsizetype Size = 8;

    PeerId() = default;

    /** The ID in @p bytes, or nullopt unless it is exactly 8 bytes long. */
    static std::optional<PeerId> fromBytes(QByteArrayView bytes);
    /** The ID spelled as 16 hex digits (either case), or nullopt. */
    static std::optional<PeerId> fromHex(QStringView hex);
    /** The ID of the node whose Noise static public key is @p noisePublicKey. */
    static PeerId fromNoisePublicKey(QByteArrayView noisePublicKey);

    QByteArray toBytes() const;
    /** Lower-case hex without separators, as the CLI and logs print it. */
    QString toHex() const;
    bool isNull() const;
    /** All ones (ff…ff): the recipient the Android app puts on broadcasts; iOS sends none. */
    bool isBroadcast() const;
    static PeerId broadcast();

    friend bool operator==(const PeerId &, const PeerId &) = default;
    friend std::strong_ordering operator<=>(const PeerId &, const PeerId &) = default;
    friend size_t qHash(const PeerId &id, size_t seed = 0) noexcept
    {
        return qHashBits(id.m_bytes.data(), id.m_bytes.size(), seed);
    }

private:
    std::array<quint8, Size> m_bytes{};
};
