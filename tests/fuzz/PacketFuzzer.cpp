// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the packet codec (spec 01), as every link hands it peer bytes — both
// versions, trailing PKCS#7 padding (§6), DEFLATE with its size preamble (§4.3), signatures (§5).
// What decodes must encode and decode to the same packet, padding must round-trip, inflation
// must stay within its limit, and signature checks must never fail on what they are handed.
#include <QByteArrayView>

#include <cstdint>

#include "FuzzCheck.h"
#include "MessagePadding.h"
#include "PacketCodec.h"
#include "PacketId.h"
#include "PacketSigner.h"
#include "PayloadCompressor.h"
#include "RejectionCounters.h"

using FuzzCheck::require;

namespace {
constexpr qsizetype DecompressionLimit = 64 * 1024;

void checkPacket(const Packet &packet, QByteArrayView frame)
{
    const auto natural = PacketCodec::encode(packet);
    require(natural.ok(), "a decoded packet encodes");
    require(natural->size() <= frame.size(), "re-encoding never grows a frame");
    const auto again = PacketCodec().decode(*natural);
    require(again.ok() && *again == packet, "decode(encode(p)) == p");
    const auto wire = PacketCodec::encodeForWire(packet);
    require(wire.ok(), "a decoded packet encodes for the wire");
    const auto fromWire = PacketCodec().decode(*wire);
    require(fromWire.ok() && *fromWire == packet, "wire padding is stripped again");
    if (packet.isCompressed())
        require(packet.payload.size() <= DecompressionLimit, "inflation honours the limit");

    const auto transcript = PacketCodec::signingTranscript(packet);
    require(transcript.ok(), "every decoded packet has a signing transcript");
    require(PacketId::of(packet).size() == PacketId::Size, "packet ID size");
    // A key taken from the frame itself: verify must answer, never crash, whatever it gets.
    PacketSigner::verify(packet, frame.first(qMin<qsizetype>(32, frame.size())));
}

void checkPadding(QByteArrayView bytes)
{
    const QByteArray padded = MessagePadding::pad(bytes);
    require(padded.size() == MessagePadding::targetSize(bytes.size()), "pads to its bucket");
    if (padded.size() > bytes.size()) {
        const auto stripped = MessagePadding::strip(padded);
        require(stripped && *stripped == bytes, "strip(pad(x)) == x");
    }
    if (const auto stripped = MessagePadding::strip(bytes))
        require(stripped->size() < bytes.size(), "strip removes at least one byte");
}

void checkDecompression(QByteArrayView section)
{
    for (const quint8 version : {quint8(1), quint8(2)}) {
        const auto inflated = PayloadCompressor::decompress(section, version, DecompressionLimit);
        if (!inflated)
            continue;
        require(inflated->size() <= DecompressionLimit, "inflation within the limit");
        require(inflated->size() <= section.size() * PayloadCompressor::MaxRatio,
                "inflation within DEFLATE's ratio");
        const auto recompressed =
            PayloadCompressor::compress(*inflated, version, PayloadCompressor::Policy::Always);
        require(recompressed.has_value(), "what inflated compresses again");
        const auto back = PayloadCompressor::decompress(*recompressed, version, DecompressionLimit);
        require(back.ok() && *back == *inflated, "inflate(deflate(x)) == x");
    }
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static RejectionCounters counters;
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));

    PacketCodec::Limits limits;
    limits.maxDecompressedSize = DecompressionLimit;
    const PacketCodec codec(&counters, limits);
    const quint64 refusedBefore = counters.total();
    if (const auto packet = codec.decode(bytes))
        checkPacket(*packet, bytes);
    else
        require(counters.total() == refusedBefore + 1, "every refused frame is counted");
    checkPadding(bytes);
    checkDecompression(bytes);
    return 0;
}
