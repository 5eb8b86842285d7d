// SPDX-License-Identifier: GPL-3.0-or-later
#include "MessagePadding.h"

#include <algorithm>
#include <array>

namespace {
constexpr std::array<qsizetype, 4> BlockSizes{256, 512, 1024, 2048};
}

qsizetype MessagePadding::targetSize(qsizetype frameSize)
{
    for (qsizetype block : BlockSizes) {
        if (frameSize + EncryptionAllowance <= block)
            return block - frameSize <= MaxPad ? block : frameSize;
    }
    return frameSize;
}

QByteArray MessagePadding::pad(QByteArrayView frame)
{
    const qsizetype padLength = targetSize(frame.size()) - frame.size();
    QByteArray padded = frame.toByteArray();
    padded.append(padLength, char(padLength));
    return padded;
}

std::optional<QByteArray> MessagePadding::strip(QByteArrayView frame)
{
    if (frame.isEmpty())
        return std::nullopt;
    const auto padLength = quint8(frame.back());
    if (padLength == 0 || padLength > frame.size())
        return std::nullopt;
    const QByteArrayView tail = frame.last(padLength);
    if (!std::all_of(tail.begin(), tail.end(), [&](char c) { return quint8(c) == padLength; }))
        return std::nullopt;
    return frame.first(frame.size() - padLength).toByteArray();
}
