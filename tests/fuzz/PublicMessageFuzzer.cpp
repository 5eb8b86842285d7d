// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the public message payload (spec 04 §3.1), the text a window shows. Only
// valid UTF-8 is text, and text must encode back to exactly the bytes it came from.
#include <QByteArrayView>

#include <cstdint>

#include "FuzzCheck.h"
#include "PublicMessagePayload.h"

using FuzzCheck::require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto text = PublicMessagePayload::decode(bytes);
    if (!text)
        return 0;
    require(text->size() <= bytes.size(), "text is never longer than its bytes");
    require(PublicMessagePayload::encode(*text) == bytes, "encode(decode(b)) == b");
    return 0;
}
