// SPDX-License-Identifier: GPL-3.0-or-later
#include "PeerCapabilities.h"

namespace {
// Bit 10 is never advertised by a conforming encoder. Bits 11–63 are reserved: this node never
// sets them for itself, but a value decoded from a peer keeps them, so a bit a later revision
// assigns round-trips (spec 04 §5.1).
constexpr quint64 NeverAdvertised = quint64(1) << PeerCapabilities::NonDestructiveNoiseReplacement;
constexpr int MaxBytes = 8;
} // namespace

QByteArray PeerCapabilities::encode() const
{
    quint64 bits = m_bits & ~NeverAdvertised;
    QByteArray bytes;
    while (bits != 0) {
        bytes.append(char(bits & 0xFF));
        bits >>= 8;
    }
    return bytes;
}

PeerCapabilities PeerCapabilities::decodeLenient(QByteArrayView bytes)
{
    quint64 bits = 0;
    for (qsizetype i = 0; i < bytes.size() && i < MaxBytes; ++i)
        bits |= quint64(quint8(bytes[i])) << (8 * i);
    return PeerCapabilities(bits);
}
