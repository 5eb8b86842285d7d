// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QtEndian>

/**
 * Reads a fuzz input as a little program: bytes, big-endian integers and slices, each bounded by
 * what is left. Past the end every read yields zeros or an empty slice, so an interpreter over it
 * always terminates and never reads outside the input.
 */
class FuzzInput
{
public:
    explicit FuzzInput(QByteArrayView data)
        : m_data(data)
    {}

    bool atEnd() const { return m_offset >= m_data.size(); }
    qsizetype remaining() const { return m_data.size() - m_offset; }

    quint8 byte() { return atEnd() ? 0 : quint8(m_data[m_offset++]); }
    quint16 u16()
    {
        const quint16 high = byte();
        return quint16(high << 8 | byte());
    }
    /** The next @p size bytes, or fewer when the input ends first. */
    QByteArrayView bytes(qsizetype size)
    {
        const qsizetype taken = qBound(qsizetype(0), size, remaining());
        const QByteArrayView slice = m_data.sliced(m_offset, taken);
        m_offset += taken;
        return slice;
    }
    /** Everything that is left. */
    QByteArrayView rest() { return bytes(remaining()); }

private:
    QByteArrayView m_data;
    qsizetype m_offset = 0;
};
