// SPDX-License-Identifier: GPL-3.0-or-later
#include "MeshTestPeer.h"

#include "AnnouncePayload.h"
#include "PacketCodec.h"
#include "PacketSigner.h"

MeshTestPeer::MeshTestPeer(QString nickname)
    : m_nickname(std::move(nickname))
    , m_identity(Identity::generate())
{}

Packet MeshTestPeer::base(MessageType type, const QByteArray &payload, quint64 timestamp,
                          quint8 ttl) const
{
    Packet packet;
    packet.type = quint8(type);
    packet.ttl = ttl;
    packet.timestamp = timestamp;
    packet.senderId = id();
    packet.payload = payload;
    return packet;
}

Packet MeshTestPeer::announcePacket(quint64 timestamp, quint8 ttl) const
{
    AnnouncePayload announce;
    announce.nickname = m_nickname;
    announce.noisePublicKey = m_identity.noise().publicKey();
    announce.signingPublicKey = m_identity.signing().publicKey();
    return base(MessageType::Announce, announce.encode().value(), timestamp, ttl);
}

Packet MeshTestPeer::messagePacket(const QString &text, quint64 timestamp, quint8 ttl) const
{
    return base(MessageType::Message, text.toUtf8(), timestamp, ttl);
}

Packet MeshTestPeer::leavePacket(quint64 timestamp, quint8 ttl) const
{
    return base(MessageType::Leave, {}, timestamp, ttl);
}

QByteArray MeshTestPeer::frame(const Packet &packet) const
{
    return PacketCodec::encode(PacketSigner::sign(packet, m_identity.signing()).value()).value();
}

QByteArray MeshTestPeer::forgedFrame(const Packet &packet, const MeshTestPeer &other) const
{
    return PacketCodec::encode(PacketSigner::sign(packet, other.m_identity.signing()).value())
        .value();
}
