// SPDX-License-Identifier: GPL-3.0-or-later
#include "PacketSigner.h"

#include "PacketCodec.h"
#include "SigningKeyPair.h"

CodecResult<Packet> PacketSigner::sign(Packet packet, const SigningKeyPair &key)
{
    const auto transcript = PacketCodec::signingTranscript(packet);
    if (!transcript)
        return transcript.error();
    packet.signature = key.sign(*transcript);
    return packet;
}

bool PacketSigner::verify(const Packet &packet, QByteArrayView publicKey)
{
    if (!packet.signature)
        return false;
    const auto transcript = PacketCodec::signingTranscript(packet);
    return transcript && SigningKeyPair::verify(publicKey, *transcript, *packet.signature);
}
