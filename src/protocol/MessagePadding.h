// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QByteArray>
#include <QByteArrayView>

/**
 * PKCS#7-style padding to the 256/512/1024/2048 buckets (spec 01 §6). A frame is padded to the
 * smallest bucket that holds it plus a 16-byte allowance; when that takes more than 255 bytes of
 * padding, or no bucket holds it, the frame stays as it is.
 */
class MessagePadding
{
public:
    static constexpr qsizetype EncryptionAllowance = 16;
    static constexpr qsizetype MaxPad = 255;

    /** The bucket @p frameSize would be padded to, or @p frameSize when it stays unpadded. */
    static qsizetype targetSize(qsizetype frameSize);
    static QByteArray pad(QByteArrayView frame);
    /** @p frame without its trailing padding, or nullopt when the tail is not valid PKCS#7. */
    static std::optional<QByteArray> strip(QByteArrayView frame);
};
