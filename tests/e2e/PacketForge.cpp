// SPDX-License-Identifier: GPL-3.0-or-later
#include "PacketForge.h"

#include <QDateTime>
#include <QRandomGenerator>

#include "AnnouncePayload.h"
#include "FragmentPayload.h"
#include "InflationBomb.h"
#include "PacketCodec.h"
#include "PacketSigner.h"

namespace {
// A version 1 payload length is 16 bits (spec 01 §2); anything longer needs version 2.
quint8 versionFor(qsizetype payloadBytes)
{
    return payloadBytes > 0xFFFF ? 2 : 1;
}

Packet signedPacket(MessageType type, const PeerId &sender, const SigningKeyPair &signer,
                    const QByteArray &payload, quint64 timestamp, quint8 ttl,
                    const InflationBomb *bulk)
{
    Packet packet;
    packet.version = versionFor(payload.size());
    packet.type = quint8(type);
    packet.ttl = ttl;
    packet.timestamp = timestamp;
    packet.senderId = sender;
    packet.payload = payload;
    packet = bulk ? bulk->apply(packet) : PacketCodec::withCompressedPayload(packet);
    return PacketSigner::sign(packet, signer).value();
}

} // namespace

quint64 PacketForge::nowMs()
{
    return quint64(QDateTime::currentMSecsSinceEpoch());
}

QByteArray PacketForge::randomBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          size / qsizetype(sizeof(quint32)));
    for (qsizetype i = size - size % qsizetype(sizeof(quint32)); i < size; ++i)
        bytes[i] = char(QRandomGenerator::global()->bounded(256));
    return bytes;
}

PeerId PacketForge::randomPeerId()
{
    return *PeerId::fromBytes(randomBytes(PeerId::Size));
}

Packet PacketForge::announce(const PeerId &sender, const QByteArray &noiseKey,
                             const SigningKeyPair &signer, const QString &nick, quint64 timestamp,
                             quint8 ttl, const InflationBomb *padding)
{
    AnnouncePayload payload;
    payload.nickname = nick;
    payload.noisePublicKey = noiseKey;
    payload.signingPublicKey = signer.publicKey();
    return signedPacket(MessageType::Announce, sender, signer, payload.encode().value(), timestamp,
                        ttl, padding);
}

Packet PacketForge::announce(const Identity &identity, const QString &nick, quint64 timestamp,
                             quint8 ttl)
{
    return announce(identity.peerId(), identity.noise().publicKey(), identity.signing(), nick,
                    timestamp, ttl, nullptr);
}

Packet PacketForge::message(const PeerId &sender, const SigningKeyPair &signer,
                            const QByteArray &text, quint64 timestamp, quint8 ttl,
                            const InflationBomb *bulk)
{
    return signedPacket(MessageType::Message, sender, signer, text, timestamp, ttl, bulk);
}

Packet PacketForge::damaged(Packet packet, SignatureDamage damage)
{
    if (damage == SignatureDamage::Zeroed)
        packet.signature = QByteArray(Packet::SignatureSize, '\0');
    else
        packet.signature.reset();
    return packet;
}

QByteArray PacketForge::emptyTlvs(qsizetype bytes)
{
    QByteArray tlvs;
    tlvs.reserve(bytes);
    for (qsizetype i = 0; i + 2 <= bytes; i += 2) {
        tlvs.append(char(UnknownTlv));
        tlvs.append(char(0));
    }
    return tlvs;
}

Packet PacketForge::loneFragment(const PeerId &sender, qsizetype dataBytes)
{
    FragmentPayload fragment;
    fragment.fragmentId = randomBytes(FragmentPayload::IdSize);
    fragment.index = 0;
    fragment.total = 2;
    fragment.originalType = quint8(MessageType::Message);
    fragment.data = randomBytes(dataBytes);
    Packet packet;
    packet.type = quint8(MessageType::Fragment);
    packet.timestamp = nowMs();
    packet.senderId = sender;
    packet.payload = fragment.encode();
    return packet;
}

Packet PacketForge::unknownType(const PeerId &sender, qsizetype payloadBytes, quint8 type)
{
    Packet packet;
    packet.version = versionFor(payloadBytes);
    packet.type = type;
    packet.timestamp = nowMs();
    packet.senderId = sender;
    packet.payload = randomBytes(payloadBytes);
    return packet;
}

Packet PacketForge::directedCiphertext(const PeerId &sender, const PeerId &recipient,
                                       qsizetype payloadBytes)
{
    Packet packet = unknownType(sender, payloadBytes, quint8(MessageType::NoiseEncrypted));
    packet.recipientId = recipient;
    return packet;
}
