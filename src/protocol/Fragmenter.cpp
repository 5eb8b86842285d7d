// SPDX-License-Identifier: GPL-3.0-or-later
#include "Fragmenter.h"

#include <QRandomGenerator>

#include <algorithm>

#include "FragmentPayload.h"
#include "PacketCodec.h"

namespace {
Packet fragmentShell(const Packet &original)
{
    Packet shell;
    shell.version = original.version;
    shell.type = quint8(MessageType::Fragment);
    shell.ttl = original.ttl;
    shell.timestamp = original.timestamp;
    shell.senderId = original.senderId;
    shell.recipientId = original.recipientId;
    if (original.version == 2)
        shell.route = original.route;
    return shell;
}
} // namespace

qsizetype Fragmenter::chunkSizeFor(const Packet &original, qsizetype mtu)
{
    Packet empty = fragmentShell(original);
    empty.payload = FragmentPayload{}.encode();
    const auto emptyFrame = PacketCodec::encode(empty);
    const qsizetype overhead = emptyFrame ? emptyFrame->size() : FragmentPayload::HeaderSize;
    return std::clamp(mtu - overhead, MinimumChunkSize, DefaultChunkSize);
}

CodecResult<QList<Packet>> Fragmenter::split(const Packet &original, const QByteArray &frame,
                                             qsizetype chunkSize, const QByteArray &fragmentId)
{
    chunkSize = std::max(chunkSize, MinimumChunkSize);
    const qsizetype count = (frame.size() + chunkSize - 1) / chunkSize;
    const bool directedFile =
        original.type == quint8(MessageType::FileTransfer) && original.recipientId.has_value();
    if (count > (directedFile ? MaxDirectedFileFragments : MaxFragments))
        return CodecError::FragmentOverCap;

    const Packet shell = fragmentShell(original);
    QList<Packet> fragments;
    fragments.reserve(count);
    for (qsizetype i = 0; i < count; ++i) {
        FragmentPayload piece{fragmentId, quint16(i), quint16(count), original.type,
                              frame.mid(i * chunkSize, chunkSize)};
        Packet fragment = shell;
        fragment.payload = piece.encode();
        fragments.append(std::move(fragment));
    }
    return fragments;
}

QByteArray Fragmenter::randomFragmentId()
{
    QByteArray id;
    while (id.size() < FragmentPayload::IdSize) {
        const quint32 word = QRandomGenerator::system()->generate();
        id.append(reinterpret_cast<const char *>(&word), sizeof(word));
    }
    return id;
}
