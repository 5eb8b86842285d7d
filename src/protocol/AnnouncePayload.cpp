// SPDX-License-Identifier: GPL-3.0-or-later
#include "AnnouncePayload.h"

#include "TlvReader.h"
#include "TlvWriter.h"
#include "Utf8.h"

namespace {
enum AnnounceTlv : quint8
{
    Nickname = 0x01,
    NoisePublicKey = 0x02,
    SigningPublicKey = 0x03,
    DirectNeighbors = 0x04,
    Capabilities = 0x05,
    BridgeGeohash = 0x06,
};
constexpr qsizetype MaxGeohashBytes = 12;
} // namespace

CodecResult<QByteArray> AnnouncePayload::encode() const
{
    if (noisePublicKey.size() != KeySize || signingPublicKey.size() != KeySize)
        return CodecError::MissingField;
    Tlv8Writer writer;
    writer.append(Nickname, Utf8::encodeTruncated(nickname, MaxNicknameBytes));
    writer.append(NoisePublicKey, noisePublicKey);
    writer.append(SigningPublicKey, signingPublicKey);
    if (!directNeighbors.isEmpty()) {
        QByteArray neighbors;
        for (const PeerId &id : directNeighbors.first(qMin(directNeighbors.size(), MaxNeighbors)))
            neighbors.append(id.toBytes());
        writer.append(DirectNeighbors, neighbors);
    }
    if (capabilities) {
        const QByteArray bits = capabilities->encode();
        if (!bits.isEmpty())
            writer.append(Capabilities, bits);
    }
    if (!bridgeGeohash.isEmpty())
        writer.append(BridgeGeohash, Utf8::encodeTruncated(bridgeGeohash, MaxGeohashBytes));
    return writer.data();
}

CodecResult<AnnouncePayload> AnnouncePayload::decode(QByteArrayView payload)
{
    AnnouncePayload announce;
    bool hasNickname = false;
    Tlv8Reader reader(payload);
    while (reader.next()) {
        const QByteArrayView value = reader.value();
        switch (reader.type()) {
        case Nickname: {
            const auto text = Utf8::decode(value);
            if (!text)
                return CodecError::BadUtf8;
            announce.nickname = *text;
            hasNickname = true;
            break;
        }
        case NoisePublicKey:
        case SigningPublicKey:
            if (value.size() != KeySize)
                return CodecError::BadTlv;
            (reader.type() == NoisePublicKey ? announce.noisePublicKey
                                             : announce.signingPublicKey) = value.toByteArray();
            break;
        case DirectNeighbors:
            if (value.size() % PeerId::Size != 0)
                return CodecError::BadTlv;
            announce.directNeighbors.clear();
            for (qsizetype offset = 0; offset < value.size(); offset += PeerId::Size)
                announce.directNeighbors.append(
                    *PeerId::fromBytes(value.sliced(offset, PeerId::Size)));
            break;
        case Capabilities:
            announce.capabilities = PeerCapabilities::decodeLenient(value);
            break;
        case BridgeGeohash: {
            const auto text = Utf8::decode(value);
            if (!text)
                return CodecError::BadUtf8;
            announce.bridgeGeohash = *text;
            break;
        }
        default:
            break; // spec 01 §8: unknown TLV types are skipped
        }
    }
    if (reader.failed())
        return CodecError::BadTlv;
    if (!hasNickname || announce.noisePublicKey.isEmpty() || announce.signingPublicKey.isEmpty())
        return CodecError::MissingField;
    return announce;
}
