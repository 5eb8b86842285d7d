// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>

#include "CodecResult.h"
#include "Packet.h"

class SigningKeyPair;

/** Signs packets and checks their signatures over the transcript of spec 01 §5. */
class PacketSigner
{
public:
    /** @p packet with its signature set; fails only when the packet cannot be encoded. */
    static CodecResult<Packet> sign(Packet packet, const SigningKeyPair &key);
    /** True when @p packet carries a signature that @p publicKey made over its transcript. */
    static bool verify(const Packet &packet, QByteArrayView publicKey);
};
