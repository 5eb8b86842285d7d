// SPDX-License-Identifier: GPL-3.0-or-later
#include "PeerColor.h"

namespace {
// Mid lightness and moderate saturation stay legible on both white and near-black backgrounds.
constexpr int Saturation = 160;
constexpr int Lightness = 120;
} // namespace

QColor PeerColor::of(const PeerId &peer)
{
    const QByteArray bytes = peer.toBytes();
    const int hue = ((quint8(bytes[0]) << 8) | quint8(bytes[1])) % 360;
    return QColor::fromHsl(hue, Saturation, Lightness);
}
