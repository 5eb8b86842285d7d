// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QtEndian>

/**
 * Builds a TLV sequence (spec 01 §8): TLV-8 with LengthBytes = 1 (values ≤ 255 bytes), TLV-16
 * with LengthBytes = 2 (values ≤ 65,535 bytes). append() refuses a value too long for the framing.
 */
template<int LengthBytes>
class TlvWriter
{
    static_assert(LengthBytes == 1 || LengthBytes == 2);

public:
    static constexpr qsizetype MaxValueSize = LengthBytes == 1 ? 0xFF : 0xFFFF;

    /** Appends one entry; false (and nothing appended) when @p value is too long. */
    bool append(quint8 type, QByteArrayView value)
    {
        if (value.size() > MaxValueSize)
            return false;
        m_data.append(char(type));
        if constexpr (LengthBytes == 1) {
            m_data.append(char(value.size()));
        } else {
            uchar length[2];
            qToBigEndian(quint16(value.size()), length);
            m_data.append(reinterpret_cast<const char *>(length), 2);
        }
        m_data.append(value);
        return true;
    }

    const QByteArray &data() const { return m_data; }

private:
    QByteArray m_data;
};

using Tlv8Writer = TlvWriter<1>;
using Tlv16Writer = TlvWriter<2>;
