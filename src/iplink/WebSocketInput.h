// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QString>
#include <QWebSocketProtocol>

#include "WebSocketFault.h"

/**
 * What a WebSocketLink makes of each thing the other end sends: a message (binary or text) or the
 * end of the connection with the close code and reason the other end chose. Pure decisions with
 * no socket, so the rules can be tested and fuzzed alone (tests/fuzz/WebSocketInputFuzzer.cpp);
 * WebSocketLink applies them. The close reason is peer text: it is only ever copied into the
 * link's reason, never interpreted.
 */
class WebSocketInput
{
public:
    enum class MessageKind
    {
        Binary,
        Text,
    };

    struct Verdict
    {
        /** True when the message is one frame for the mesh; otherwise the link closes. */
        bool deliver = false;
        std::optional<WebSocketFault> fault;
        /** The close code to send when the link closes (meaningless when delivering). */
        QWebSocketProtocol::CloseCode closeCode = QWebSocketProtocol::CloseCodeNormal;
        QString reason;
    };

    struct Ending
    {
        /** Set when the ending says the other end broke the rules or the socket failed. */
        std::optional<WebSocketFault> fault;
        /** The reason the link's closed() carries. */
        QString reason;
    };

    /** One binary message is one frame when it fits @p maxFrameSize; a text message never is. */
    static Verdict onMessage(MessageKind kind, qsizetype size, qsizetype maxFrameSize);

    /**
     * How a connection that ended under us is reported, from the close code and reason the other
     * end sent (@p peerReason, empty without a close frame) and, when no close frame came and
     * the socket failed, @p socketError (Qt's error string).
     *
     * @p closeCode is the number as sent, not a QWebSocketProtocol::CloseCode: Qt accepts every
     * code RFC 6455 §7.4.2 allows (3000–4999 included) and hands it over in that enum, whose
     * enumerators stop at 1015, so treating a peer's 4000 as the enum would be undefined behaviour.
     */
    static Ending onDisconnected(int closeCode, const QString &peerReason,
                                 const std::optional<QString> &socketError);
};
