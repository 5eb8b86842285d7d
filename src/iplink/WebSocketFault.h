// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/**
 * Why a WebSocketLink closed itself because of what the other end sent (or a socket failure).
 * Values are stable: WebSocketTransport counts faults indexed by them.
 */
enum class WebSocketFault
{
    TextMessage,    ///< a text message; Meshcast frames are binary only
    OversizedFrame, ///< a message over the link's maximum frame size
    ProtocolError,  ///< bytes that are not valid WebSocket framing
    SocketError,    ///< the TCP connection failed (reset, timeout, …)
};

constexpr int WebSocketFaultCount = int(WebSocketFault::SocketError) + 1;
