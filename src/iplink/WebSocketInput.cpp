// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebSocketInput.h"

using namespace Qt::StringLiterals;

WebSocketInput::Verdict WebSocketInput::onMessage(MessageKind kind, qsizetype size,
                                                  qsizetype maxFrameSize)
{
    if (kind == MessageKind::Text) // Meshcast frames are binary only (RFC 6455 §7.4.1: 1003)
        return {false, WebSocketFault::TextMessage,
                QWebSocketProtocol::CloseCodeDatatypeNotSupported, u"text message"_s};
    if (size > maxFrameSize) // Qt's own limit should have caught it (1009)
        return {false, WebSocketFault::OversizedFrame, QWebSocketProtocol::CloseCodeTooMuchData,
                u"frame too large"_s};
    return {true, std::nullopt, QWebSocketProtocol::CloseCodeNormal, {}};
}

WebSocketInput::Ending WebSocketInput::onDisconnected(int closeCode, const QString &peerReason,
                                                      const std::optional<QString> &socketError)
{
    // Qt reports a frame it refused only through the close code, so a 1009 or 1002 the other end
    // sends is counted the same way; a Meshcast node never sends either unprovoked.
    if (closeCode == QWebSocketProtocol::CloseCodeTooMuchData)
        return {WebSocketFault::OversizedFrame, u"frame too large"_s};
    if (closeCode == QWebSocketProtocol::CloseCodeProtocolError ||
        closeCode == QWebSocketProtocol::CloseCodeWrongDatatype)
        return {WebSocketFault::ProtocolError, u"protocol error: "_s + peerReason};
    if (socketError) // dropped, no close frame
        return {WebSocketFault::SocketError, u"socket error: "_s + *socketError};
    return {std::nullopt,
            peerReason.isEmpty() ? u"remote closed"_s : u"remote closed: "_s + peerReason};
}
