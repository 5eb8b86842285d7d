// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>

#include "ByteReader.h"
#include "CodecError.h"

/**
 * Walks a TLV sequence (spec 01 §8): TLV-8 with LengthBytes = 1, TLV-16 with LengthBytes = 2.
 * It yields every entry, known or not; callers skip the types they do not know. An entry whose
 * length overruns the buffer stops the walk with CodecError::BadTlv.
 *
 *     Tlv8Reader reader(payload);
 *     while (reader.next()) { switch (reader.type()) { … } }
 *     if (reader.failed()) return CodecError::BadTlv;
 */
template<int LengthBytes>
class TlvReader
{
    static_assert(LengthBytes == 1 || LengthBytes == 2);

public:
    explicit TlvReader(QByteArrayView data)
        : m_reader(data)
    {}

    /** Moves to the next entry; false at the end of the buffer or on an overrun. */
    bool next()
    {
        if (m_failed || m_reader.remaining() == 0)
            return false;
        quint8 type = 0;
        quint16 length = 0;
        bool headerOk = m_reader.read(type);
        if constexpr (LengthBytes == 1) {
            quint8 shortLength = 0;
            headerOk = headerOk && m_reader.read(shortLength);
            length = shortLength;
        } else {
            headerOk = headerOk && m_reader.read(length);
        }
        if (!headerOk || !m_reader.take(length, m_value)) {
            m_failed = true;
            return false;
        }
        m_type = type;
        return true;
    }

    quint8 type() const { return m_type; }
    QByteArrayView value() const { return m_value; }
    /** True when the walk stopped on a malformed entry rather than at the end. */
    bool failed() const { return m_failed; }

private:
    ByteReader m_reader;
    quint8 m_type = 0;
    QByteArrayView m_value;
    bool m_failed = false;
};

using Tlv8Reader = TlvReader<1>;
using Tlv16Reader = TlvReader<2>;
