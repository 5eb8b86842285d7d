// SPDX-License-Identifier: GPL-3.0-or-later
#include "PeerCapabilities.h"

namespace {
// Bits 0–9 are defined and may be advertised; 10 must never be, 11–63 are reserved (0 on encode).
constexpr quint64 EncodableBits = (quint64(1) << 10) - 1;
constexpr int MaxBytes = 8;
} // namespace

QByteArray PeerCapabilities::encode() const
{
    quint64 bits = m_bits & EncodableBits;
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
