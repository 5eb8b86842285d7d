// SPDX-License-Identifier: GPL-3.0-or-later
#include "PublicMessagePayload.h"

#include "Utf8.h"

CodecResult<QString> PublicMessagePayload::decode(QByteArrayView payload)
{
    if (auto text = Utf8::decode(payload))
        return *text;
    return CodecError::BadUtf8;
}
