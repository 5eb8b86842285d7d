// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

/** Bits of the header's `flags` byte (spec 01 §3). Bits 5–7 are reserved: 0 on encode, ignored on
 * decode. */
namespace PacketFlag {
constexpr quint8 HasRecipient = 0x01;
constexpr quint8 HasSignature = 0x02;
constexpr quint8 IsCompressed = 0x04;
constexpr quint8 HasRoute = 0x08;
constexpr quint8 IsRsr = 0x10;
} // namespace PacketFlag
