// SPDX-License-Identifier: GPL-3.0-or-later
#include "PacketCodec.h"

#include <QtEndian>

#include "ByteReader.h"
#include "MessagePadding.h"
#include "PacketFlags.h"
#include "PayloadCompressor.h"
#include "RejectionCounters.h"

namespace {
constexpr qsizetype V1HeaderSize = 14;
constexpr qsizetype V2HeaderSize = 16;
constexpr qsizetype MaxRouteHops = 255;

template<typename T>
void appendBigEndian(QByteArray &out, T value)
{
    uchar bytes[sizeof(T)];
    qToBigEndian(value, bytes);
    out.append(reinterpret_cast<const char *>(bytes), sizeof(T));
}

quint8 flagsOf(const Packet &packet)
{
    quint8 flags = 0;
    if (packet.recipientId)
        flags |= PacketFlag::HasRecipient;
    if (packet.signature)
        flags |= PacketFlag::HasSignature;
    if (packet.compressedPayload)
        flags |= PacketFlag::IsCompressed;
    if (packet.route)
        flags |= PacketFlag::HasRoute;
    if (packet.isRsr)
        flags |= PacketFlag::IsRsr;
    return flags;
}
} // namespace

PacketCodec::PacketCodec(RejectionCounters *counters)
    : m_counters(counters)
{}

PacketCodec::PacketCodec(RejectionCounters *counters, Limits limits)
    : m_counters(counters)
    , m_limits(limits)
{}

CodecResult<Packet> PacketCodec::decode(QByteArrayView frame) const
{
    CodecResult<Packet> result = decodeExact(frame);
    if (result.ok())
        return result;
    if (const auto unpadded = MessagePadding::strip(frame)) {
        CodecResult<Packet> retried = decodeExact(*unpadded);
        if (retried.ok())
            return retried;
    }
    if (m_counters)
        m_counters->record(result.error(), frame.size());
    return result;
}

CodecResult<Packet> PacketCodec::decodeExact(QByteArrayView frame) const
{
    ByteReader reader(frame);
    Packet packet;
    if (!reader.read(packet.version))
        return CodecError::Truncated;
    if (packet.version != 1 && packet.version != 2)
        return CodecError::UnsupportedVersion;
    quint8 flags = 0;
    quint64 payloadLength = 0;
    if (!reader.read(packet.type) || !reader.read(packet.ttl) || !reader.read(packet.timestamp) ||
        !reader.read(flags))
        return CodecError::Truncated;
    if (packet.version == 1) {
        quint16 length = 0;
        if (!reader.read(length))
            return CodecError::Truncated;
        payloadLength = length;
    } else {
        quint32 length = 0;
        if (!reader.read(length))
            return CodecError::Truncated;
        payloadLength = length;
    }
    if ((flags & PacketFlag::HasRoute) && packet.version == 1)
        return CodecError::RouteOnV1;

    QByteArrayView id;
    if (!reader.take(PeerId::Size, id))
        return CodecError::Truncated;
    packet.senderId = *PeerId::fromBytes(id);
    if (flags & PacketFlag::HasRecipient) {
        if (!reader.take(PeerId::Size, id))
            return CodecError::Truncated;
        packet.recipientId = PeerId::fromBytes(id);
    }
    if (flags & PacketFlag::HasRoute) {
        quint8 hops = 0;
        if (!reader.read(hops))
            return CodecError::Truncated;
        if (reader.remaining() < hops * PeerId::Size)
            return CodecError::LengthOverrun;
        QList<PeerId> route;
        for (int i = 0; i < hops; ++i) {
            reader.take(PeerId::Size, id);
            route.append(*PeerId::fromBytes(id));
        }
        packet.route = route;
    }

    if (payloadLength > quint64(reader.remaining()))
        return CodecError::LengthOverrun;
    QByteArrayView section;
    reader.take(qsizetype(payloadLength), section);
    const qsizetype payloadLimit = m_limits.payloadLimitFor(packet.type);
    if (flags & PacketFlag::IsCompressed) {
        auto inflated = PayloadCompressor::decompress(section, packet.version, payloadLimit);
        if (!inflated)
            return inflated.error();
        packet.payload = std::move(inflated).value();
        packet.compressedPayload = section.toByteArray();
    } else {
        if (section.size() > payloadLimit)
            return CodecError::PayloadTooLarge;
        packet.payload = section.toByteArray();
    }

    if (flags & PacketFlag::HasSignature) {
        QByteArrayView signature;
        if (!reader.take(Packet::SignatureSize, signature))
            return CodecError::Truncated;
        packet.signature = signature.toByteArray();
    }
    packet.isRsr = flags & PacketFlag::IsRsr;
    if (reader.remaining() != 0)
        return CodecError::TrailingBytes;
    return packet;
}

CodecResult<QByteArray> PacketCodec::encode(const Packet &packet)
{
    if (packet.version != 1 && packet.version != 2)
        return CodecError::UnsupportedVersion;
    if (packet.route && packet.version == 1)
        return CodecError::RouteOnV1;
    if (packet.route && packet.route->size() > MaxRouteHops)
        return CodecError::RouteTooLong;
    if (packet.signature && packet.signature->size() != Packet::SignatureSize)
        return CodecError::BadSignatureLength;
    const QByteArray &section =
        packet.compressedPayload ? *packet.compressedPayload : packet.payload;
    if (packet.version == 1 && section.size() > 0xFFFF)
        return CodecError::PayloadTooLarge;

    QByteArray frame;
    frame.reserve((packet.version == 1 ? V1HeaderSize : V2HeaderSize) + 3 * PeerId::Size +
                  section.size() + Packet::SignatureSize);
    frame.append(char(packet.version));
    frame.append(char(packet.type));
    frame.append(char(packet.ttl));
    appendBigEndian(frame, packet.timestamp);
    frame.append(char(flagsOf(packet)));
    if (packet.version == 1)
        appendBigEndian(frame, quint16(section.size()));
    else
        appendBigEndian(frame, quint32(section.size()));
    frame.append(packet.senderId.toBytes());
    if (packet.recipientId)
        frame.append(packet.recipientId->toBytes());
    if (packet.route) {
        frame.append(char(packet.route->size()));
        for (const PeerId &hop : *packet.route)
            frame.append(hop.toBytes());
    }
    frame.append(section);
    if (packet.signature)
        frame.append(*packet.signature);
    return frame;
}

CodecResult<QByteArray> PacketCodec::encodeForWire(const Packet &packet)
{
    auto frame = encode(packet);
    if (frame && isPaddedOnWire(packet.type))
        return MessagePadding::pad(*frame);
    return frame;
}

CodecResult<QByteArray> PacketCodec::signingTranscript(const Packet &packet)
{
    Packet unsigned_ = packet;
    unsigned_.ttl = 0;
    unsigned_.signature.reset();
    unsigned_.isRsr = false;
    auto frame = encode(unsigned_);
    if (!frame)
        return frame;
    return MessagePadding::pad(*frame);
}

Packet PacketCodec::withCompressedPayload(Packet packet)
{
    if (!packet.compressedPayload)
        packet.compressedPayload = PayloadCompressor::compress(packet.payload, packet.version);
    return packet;
}
