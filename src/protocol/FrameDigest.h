// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

/**
 * A digest of a frame's exact bytes with the TTL left out (the one header byte relays change,
 * spec 01 §2), so the copies of one packet that arrive over several links share it. It lets a
 * router recognise a duplicate before decoding (and so before inflating) anything: 16 bytes of
 * BLAKE2b (libsodium's crypto_generichash). Frames too short to hold a header digest as they are.
 */
class FrameDigest
{
public:
    static constexpr qsizetype Size = 16;

    static QByteArray of(QByteArrayView frame);
};
