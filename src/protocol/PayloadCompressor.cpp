// SPDX-License-Identifier: GPL-3.0-or-later
#include "PayloadCompressor.h"

#include <QtEndian>

#include <zlib.h>

namespace {
constexpr int RawDeflateWindowBits = -15;
constexpr int ZlibWindowBits = 15;

quint32 readPreamble(QByteArrayView section, int size)
{
    const auto *bytes = reinterpret_cast<const uchar *>(section.data());
    return size == 2 ? qFromBigEndian<quint16>(bytes) : qFromBigEndian<quint32>(bytes);
}

QByteArray preamble(qsizetype originalSize, int size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    auto *out = reinterpret_cast<uchar *>(bytes.data());
    if (size == 2)
        qToBigEndian(quint16(originalSize), out);
    else
        qToBigEndian(quint32(originalSize), out);
    return bytes;
}
/** RFC 1950 §2.2: deflate method, a window of at most 32 KiB, and the header check bits. */
bool looksZlibWrapped(QByteArrayView stream)
{
    if (stream.size() < 2)
        return false;
    const auto cmf = quint8(stream[0]);
    const auto flg = quint8(stream[1]);
    return (cmf & 0x0F) == 8 && (cmf >> 4) <= 7 && (cmf * 256 + flg) % 31 == 0;
}

/** @p deflated inflated with @p windowBits, only if it comes out at exactly @p originalSize. */
std::optional<QByteArray> inflateExactly(QByteArrayView deflated, qsizetype originalSize,
                                         int windowBits)
{
    QByteArray original(originalSize, Qt::Uninitialized);
    z_stream stream{};
    if (inflateInit2(&stream, windowBits) != Z_OK)
        return std::nullopt;
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(deflated.data()));
    stream.avail_in = uInt(deflated.size());
    // One spare byte of output room tells "inflates to more than declared" apart from "exactly".
    QByteArray spare(1, '\0');
    stream.next_out = reinterpret_cast<Bytef *>(original.data());
    stream.avail_out = uInt(originalSize);
    int result = inflate(&stream, Z_FINISH);
    if (result == Z_BUF_ERROR && stream.avail_out == 0) {
        stream.next_out = reinterpret_cast<Bytef *>(spare.data());
        stream.avail_out = 1;
        result = inflate(&stream, Z_FINISH);
    }
    const bool exact = result == Z_STREAM_END && qsizetype(stream.total_out) == originalSize &&
                       stream.avail_in == 0;
    inflateEnd(&stream);
    if (!exact)
        return std::nullopt;
    return original;
}
} // namespace

std::optional<QByteArray> PayloadCompressor::compress(QByteArrayView payload, quint8 version,
                                                      Policy policy)
{
    const bool always = policy == Policy::Always;
    const int headerSize = preambleSize(version);
    const qsizetype maxOriginal = headerSize == 2 ? 0xFFFF : 0xFFFFFFFFLL;
    if ((!always && payload.size() < Threshold) || payload.size() > maxOriginal)
        return std::nullopt;

    z_stream stream{};
    if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, RawDeflateWindowBits, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK)
        return std::nullopt;
    const auto bound = qsizetype(deflateBound(&stream, uLong(payload.size())));
    QByteArray section = preamble(payload.size(), headerSize);
    section.resize(headerSize + bound);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(payload.data()));
    stream.avail_in = uInt(payload.size());
    stream.next_out = reinterpret_cast<Bytef *>(section.data() + headerSize);
    stream.avail_out = uInt(bound);
    const int result = deflate(&stream, Z_FINISH);
    const auto produced = qsizetype(stream.total_out);
    deflateEnd(&stream);
    if (result != Z_STREAM_END)
        return std::nullopt;
    section.resize(headerSize + produced);
    if (!always && section.size() >= payload.size())
        return std::nullopt;
    return section;
}

CodecResult<QByteArray> PayloadCompressor::decompress(QByteArrayView section, quint8 version,
                                                      qsizetype maxSize)
{
    const int headerSize = preambleSize(version);
    if (section.size() < headerSize)
        return CodecError::Truncated;
    const qsizetype originalSize = readPreamble(section, headerSize);
    const QByteArrayView deflated = section.sliced(headerSize);
    if (originalSize > maxSize || originalSize > deflated.size() * MaxRatio)
        return CodecError::DecompressionRefused;
    if (auto original = inflateExactly(deflated, originalSize, RawDeflateWindowBits))
        return std::move(*original);
    // Android before August 2025 sent zlib-wrapped streams and still accepts them: read them
    // under the same guards, never write them (docs/PROTOCOL.md).
    if (looksZlibWrapped(deflated)) {
        if (auto original = inflateExactly(deflated, originalSize, ZlibWindowBits))
            return std::move(*original);
    }
    return CodecError::DecompressionFailed;
}
