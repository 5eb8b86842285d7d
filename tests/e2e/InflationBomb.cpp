// SPDX-License-Identifier: GPL-3.0-or-later
#include "InflationBomb.h"

#include <QtEndian>

#include <zlib.h>

#include "PayloadCompressor.h"

namespace {
constexpr int RawDeflateWindowBits = -15; // raw DEFLATE, as spec 01 §4.3 carries it

/** @p data as raw DEFLATE: ending the stream (@p flush = Z_FINISH) or byte-aligned (Z_SYNC_FLUSH).
 */
QByteArray deflateRaw(QByteArrayView data, int flush)
{
    z_stream stream{};
    if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, RawDeflateWindowBits, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out(qsizetype(deflateBound(&stream, uLong(data.size()))) + 16, Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    deflate(&stream, flush);
    out.resize(qsizetype(stream.total_out));
    deflateEnd(&stream);
    return out;
}
} // namespace

InflationBomb::InflationBomb(QByteArray bulk)
    : m_bulk(std::move(bulk))
    , m_deflatedBulk(deflateRaw(m_bulk, Z_FINISH))
{}

Packet InflationBomb::apply(Packet packet) const
{
    const QByteArray prefix = packet.payload;
    packet.payload = prefix + m_bulk;
    if (packet.payload.size() > 0xFFFF)
        packet.version = 2;
    const int preambleSize = PayloadCompressor::preambleSize(packet.version);
    QByteArray section(preambleSize, Qt::Uninitialized);
    auto *preamble = reinterpret_cast<uchar *>(section.data());
    if (preambleSize == 2)
        qToBigEndian(quint16(packet.payload.size()), preamble);
    else
        qToBigEndian(quint32(packet.payload.size()), preamble);
    packet.compressedPayload = section + deflateRaw(prefix, Z_SYNC_FLUSH) + m_deflatedBulk;
    return packet;
}
