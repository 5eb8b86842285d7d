// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QtEndian>

/**
 * A bounds-checked cursor over a byte buffer: every read says whether the bytes were there, so
 * decoders cannot read past the end. Integers are big-endian (spec README, byte-layout notation).
 */
class ByteReader
{
public:
    explicit ByteReader(QByteArrayView data)
        : m_data(data)
    {}

    qsizetype remaining() const { return m_data.size() - m_offset; }
    qsizetype offset() const { return m_offset; }

    template<typename T>
    bool read(T &value)
    {
        if (remaining() < qsizetype(sizeof(T)))
            return false;
        value = qFromBigEndian<T>(m_data.data() + m_offset);
        m_offset += sizeof(T);
        return true;
    }

    /** The next @p size bytes as a view into the buffer, if there are that many. */
    bool take(qsizetype size, QByteArrayView &bytes)
    {
        if (size < 0 || remaining() < size)
            return false;
        bytes = m_data.sliced(m_offset, size);
        m_offset += size;
        return true;
    }

private:
    QByteArrayView m_data;
    qsizetype m_offset = 0;
};
