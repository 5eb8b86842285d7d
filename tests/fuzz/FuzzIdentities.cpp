// SPDX-License-Identifier: GPL-3.0-or-later
#include "FuzzIdentities.h"

#include "AnnouncePayload.h"
#include "PacketCodec.h"
#include "PacketSigner.h"
#include "PublicMessagePayload.h"

namespace {
constexpr qint64 VirtualClockStartEpochMs = 1'700'000'000'000; // VirtualClock's default

Identity fixedIdentity(char signingSeed, char noiseSecret)
{
    return Identity(*SigningKeyPair::fromSeed(QByteArray(SigningKeyPair::SeedSize, signingSeed)),
                    *NoiseKeyPair::fromSecretKey(QByteArray(NoiseKeyPair::KeySize, noiseSecret)));
}
} // namespace

const Identity &FuzzIdentities::self()
{
    static const Identity identity = fixedIdentity('\x01', '\x02');
    return identity;
}

const Identity &FuzzIdentities::honest()
{
    static const Identity identity = fixedIdentity('\x03', '\x04');
    return identity;
}

const Identity &FuzzIdentities::attacker()
{
    static const Identity identity = fixedIdentity('\x05', '\x06');
    return identity;
}

quint64 FuzzIdentities::epochAt(qint64 ms)
{
    return quint64(VirtualClockStartEpochMs + ms);
}

Packet FuzzIdentities::announce(const Identity &identity, const QString &nickname,
                                quint64 timestamp, quint8 ttl)
{
    AnnouncePayload payload;
    payload.nickname = nickname;
    payload.noisePublicKey = identity.noise().publicKey();
    payload.signingPublicKey = identity.signing().publicKey();
    Packet packet;
    packet.type = quint8(MessageType::Announce);
    packet.ttl = ttl;
    packet.timestamp = timestamp;
    packet.senderId = identity.peerId();
    packet.payload = payload.encode().value();
    return PacketSigner::sign(packet, identity.signing()).value();
}

Packet FuzzIdentities::message(const Identity &identity, const QString &text, quint64 timestamp,
                               quint8 version, bool compress)
{
    Packet packet;
    packet.version = version;
    packet.type = quint8(MessageType::Message);
    packet.timestamp = timestamp;
    packet.senderId = identity.peerId();
    packet.payload = PublicMessagePayload::encode(text);
    if (compress)
        packet = PacketCodec::withCompressedPayload(packet);
    return PacketSigner::sign(packet, identity.signing()).value();
}

const QList<QByteArray> &FuzzIdentities::strangerAnnounces()
{
    static const QList<QByteArray> frames = [] {
        QList<QByteArray> built;
        built.reserve(StrangerCount);
        for (int i = 0; i < StrangerCount; ++i) {
            // Any 32 bytes serve as a Noise key here: the peer ID is only their hash.
            QByteArray noiseKey(AnnouncePayload::KeySize, '\x5a');
            noiseKey.replace(0, sizeof i,
                             QByteArrayView(reinterpret_cast<const char *>(&i), sizeof i));
            AnnouncePayload payload;
            payload.nickname = QStringLiteral("s%1").arg(i);
            payload.noisePublicKey = noiseKey;
            payload.signingPublicKey = attacker().signing().publicKey();
            Packet packet;
            packet.type = quint8(MessageType::Announce);
            packet.timestamp = epochAt(1);
            packet.senderId = PeerId::fromNoisePublicKey(noiseKey);
            packet.payload = payload.encode().value();
            const Packet signedPacket = PacketSigner::sign(packet, attacker().signing()).value();
            built.append(PacketCodec::encodeForWire(signedPacket).value());
        }
        return built;
    }();
    return frames;
}
