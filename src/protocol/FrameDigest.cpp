// SPDX-License-Identifier: GPL-3.0-or-later
#include "FrameDigest.h"

#include <sodium.h>

#include "Sodium.h"

namespace {
constexpr qsizetype TtlOffset = 2; // version, type, ttl (spec 01 §2)
} // namespace

QByteArray FrameDigest::of(QByteArrayView frame)
{
    ensureSodium();
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, Size);
    const auto *bytes = reinterpret_cast<const unsigned char *>(frame.data());
    if (frame.size() > TtlOffset) {
        const unsigned char zero = 0;
        crypto_generichash_update(&state, bytes, TtlOffset);
        crypto_generichash_update(&state, &zero, 1);
        crypto_generichash_update(&state, bytes + TtlOffset + 1,
                                  quint64(frame.size() - TtlOffset - 1));
    } else {
        crypto_generichash_update(&state, bytes, quint64(frame.size()));
    }
    QByteArray digest(Size, Qt::Uninitialized);
    crypto_generichash_final(&state, reinterpret_cast<unsigned char *>(digest.data()), Size);
    return digest;
}
