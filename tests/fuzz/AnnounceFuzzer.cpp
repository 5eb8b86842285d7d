// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the announce payload (spec 04 §2), the first thing a stranger sends. What
// decodes must have its required fields with their sizes, stay within the announce's bounds
// once encoded again, and decode again to the same announce when nothing had to be cut.
#include <QByteArrayView>

#include <cstdint>

#include "AnnouncePayload.h"
#include "FuzzCheck.h"
#include "PeerId.h"

using FuzzCheck::require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto announce = AnnouncePayload::decode(bytes);
    if (!announce)
        return 0;
    require(announce->noisePublicKey.size() == AnnouncePayload::KeySize, "noise key size");
    require(announce->signingPublicKey.size() == AnnouncePayload::KeySize, "signing key size");
    require(announce->directNeighbors.size() <= 255 / PeerId::Size, "neighbours fit one TLV");
    PeerId::fromNoisePublicKey(announce->noisePublicKey);

    const auto encoded = announce->encode();
    require(encoded.ok(), "a decoded announce encodes");
    // Three required entries, three optional ones, each at most 2 + 255 bytes.
    require(encoded->size() <= 6 * (2 + 255), "an encoded announce is bounded");
    const auto again = AnnouncePayload::decode(*encoded);
    require(again.ok(), "an encoded announce decodes");
    require(again->noisePublicKey == announce->noisePublicKey &&
                again->signingPublicKey == announce->signingPublicKey,
            "keys survive a round trip");
    const bool cut = announce->directNeighbors.size() > AnnouncePayload::MaxNeighbors ||
                     announce->bridgeGeohash.toUtf8().size() > 12;
    // Encoding never advertises bit 10 (spec 04 §5.1) and leaves out empty capabilities.
    AnnouncePayload expected = *announce;
    if (expected.capabilities) {
        const QByteArray bits = expected.capabilities->encode();
        expected.capabilities = PeerCapabilities::decodeLenient(bits);
        if (bits.isEmpty())
            expected.capabilities.reset();
    }
    if (!cut)
        require(*again == expected, "decode(encode(a)) == a");
    return 0;
}
