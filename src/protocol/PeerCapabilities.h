// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

/**
 * The PeerCapabilities bitfield (spec 04 §5.1): little-endian, minimal length on encode, at most
 * 8 bytes. Unknown bits survive a round trip. Only the lenient form used inside `announce` is here.
 */
class PeerCapabilities
{
public:
    enum Bit : quint8
    {
        Prekeys = 0,
        WifiBulk = 1,
        Gateway = 2,
        Groups = 3,
        Board = 4,
        Vouch = 5,
        MeshDiagnostics = 6,
        Bridge = 7,
        PrivateMedia = 8,
        PrivateMediaReceipts = 9,
        NonDestructiveNoiseReplacement = 10, ///< never advertised by a conforming encoder
    };

    PeerCapabilities() = default;
    explicit PeerCapabilities(quint64 bits)
        : m_bits(bits)
    {}

    quint64 bits() const { return m_bits; }
    bool has(Bit bit) const { return m_bits & (quint64(1) << bit); }

    /** Minimal little-endian bytes; bit 10 is cleared, unknown bits kept (spec 04 §5.1). */
    QByteArray encode() const;
    /** Any length accepted, keeping the low 64 bits, unknown bits preserved (announce form). */
    static PeerCapabilities decodeLenient(QByteArrayView bytes);

    friend bool operator==(const PeerCapabilities &, const PeerCapabilities &) = default;

private:
    quint64 m_bits = 0;
};
