// SPDX-License-Identifier: GPL-3.0-or-later
// Feeds arbitrary bytes to everything that reads peer input in src/protocol: the packet decoder
// (with padding and decompression), the payload decoders, both TLV walkers and the fragment
// reassembler with small guards. Any crash, sanitizer report, leak or broken invariant fails.
#include <QByteArrayView>

#include <cstdint>
#include <cstdlib>

#include "AnnouncePayload.h"
#include "FragmentPayload.h"
#include "FragmentReassembler.h"
#include "PacketCodec.h"
#include "PacketSigner.h"
#include "PublicMessagePayload.h"
#include "RejectionCounters.h"
#include "TlvReader.h"

namespace {
void require(bool invariant)
{
    if (!invariant)
        std::abort();
}

template<typename Reader>
void walkTlv(QByteArrayView bytes)
{
    Reader reader(bytes);
    qsizetype consumed = 0;
    while (reader.next())
        consumed += reader.value().size();
    require(consumed <= bytes.size());
}

FragmentReassembler &reassembler()
{
    // Small guards so a few inputs already exercise eviction and the byte budget.
    static FragmentReassembler instance(FragmentReassembler::Limits{4, 4096, 10000, 30000});
    return instance;
}

void checkPacket(const Packet &packet, qint64 clockMs)
{
    // What decodes must encode again and decode to the same packet.
    const auto frame = PacketCodec::encode(packet);
    require(frame.ok());
    const auto again = PacketCodec().decode(*frame);
    require(again.ok() && *again == packet);
    PacketSigner::verify(packet, frame->left(32));

    switch (packet.messageType()) {
    case MessageType::Announce:
        if (const auto announce = AnnouncePayload::decode(packet.payload)) {
            const auto encoded = announce->encode();
            require(encoded.ok());
        }
        break;
    case MessageType::Message:
        PublicMessagePayload::decode(packet.payload);
        break;
    case MessageType::Fragment:
        if (const auto fragment = FragmentPayload::decode(packet.payload)) {
            reassembler().add(packet.senderId, *fragment, clockMs);
            require(reassembler().bufferedBytes() <= reassembler().limits().maxBufferedBytes);
            require(reassembler().streamCount() <= reassembler().limits().maxStreams);
        }
        break;
    default:
        break;
    }
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static RejectionCounters counters;
    static qint64 clockMs = 0;
    clockMs += 1000;
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));

    const PacketCodec codec(&counters, PacketCodec::Limits{64 * 1024});
    if (const auto packet = codec.decode(bytes))
        checkPacket(*packet, clockMs);
    if (const auto fragment = FragmentPayload::decode(bytes))
        reassembler().add(PeerId(), *fragment, clockMs);
    AnnouncePayload::decode(bytes);
    walkTlv<Tlv8Reader>(bytes);
    walkTlv<Tlv16Reader>(bytes);
    return 0;
}
