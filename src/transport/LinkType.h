// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/** The kind of medium a Link runs over. Values are stable: logs and counters may store them. */
enum class LinkType
{
    Ip,  ///< a WebSocket over TCP/IP (src/iplink)
    Ble, ///< a GATT connection (spec 02)
};
