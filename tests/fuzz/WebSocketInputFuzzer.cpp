// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: what a WebSocket link makes of what the other end sends (WebSocketInput,
// the pure seam WebSocketLink applies). Qt parses the WebSocket framing itself (not
// instrumented here); what reaches us is a binary or text message of some size, or the end of
// the connection with a close code and a reason the other end chose. Each input is a sequence of
// such events for one link with a maximum frame size taken from the input.
// Only binary messages within the limit may reach the mesh; anything else must close the link
// with a fault and a close code RFC 6455 §7.4.1 allows; the reason a closed link reports must
// stay bounded by what a close frame can carry.
#include <QByteArrayView>
#include <QString>

#include <cstdint>

#include "FuzzCheck.h"
#include "FuzzInput.h"
#include "WebSocketInput.h"

using FuzzCheck::require;

namespace {
// A close frame carries at most 125 bytes: a 2-byte code and up to 123 bytes of reason.
constexpr qsizetype MaxPeerReasonBytes = 123;
constexpr qsizetype LongestPrefix = 16; // "protocol error: "

enum Event : quint8
{
    Binary,     ///< u16 size (in units of 16 bytes past 64 KiB when the top bit is set)
    Text,       ///< u16 size
    Disconnect, ///< u16 close code, reason length, reason, error flag, error length, error
    EventCount,
};

void checkMessage(WebSocketInput::MessageKind kind, qsizetype size, qsizetype maxFrameSize)
{
    const auto verdict = WebSocketInput::onMessage(kind, size, maxFrameSize);
    const bool fits = kind == WebSocketInput::MessageKind::Binary && size <= maxFrameSize;
    require(verdict.deliver == fits, "only a binary message within the limit is a frame");
    if (verdict.deliver) {
        require(!verdict.fault, "a delivered frame is no fault");
        return;
    }
    require(verdict.fault.has_value(), "a refused message is a fault");
    require(verdict.fault == (kind == WebSocketInput::MessageKind::Text
                                  ? WebSocketFault::TextMessage
                                  : WebSocketFault::OversizedFrame),
            "the fault names what was wrong");
    require(verdict.closeCode == QWebSocketProtocol::CloseCodeDatatypeNotSupported ||
                verdict.closeCode == QWebSocketProtocol::CloseCodeTooMuchData,
            "a refusal closes with 1003 or 1009");
    require(!verdict.reason.isEmpty() && verdict.reason.toUtf8().size() <= MaxPeerReasonBytes,
            "our close reason fits a close frame");
}

void checkEnding(FuzzInput &input)
{
    const int code = input.u16(); // any number: Qt passes on 3000–4999, a bug might pass more
    // Qt hands the reason over as text decoded from the close frame's UTF-8.
    const QString reason = QString::fromUtf8(input.bytes(input.byte() % (MaxPeerReasonBytes + 1)));
    std::optional<QString> socketError;
    if (input.byte() & 1)
        socketError = QString::fromUtf8(input.bytes(input.byte()));
    const auto ending = WebSocketInput::onDisconnected(code, reason, socketError);

    require(!ending.reason.isEmpty(), "a closed link says why");
    const qsizetype errorSize = socketError ? socketError->size() : 0;
    require(ending.reason.size() <= LongestPrefix + qMax(reason.size(), errorSize),
            "the reason is bounded by what the other end sent");
    if (code == QWebSocketProtocol::CloseCodeTooMuchData) {
        require(ending.fault == WebSocketFault::OversizedFrame,
                "1009 counts as an oversized frame");
    } else if (code == QWebSocketProtocol::CloseCodeProtocolError ||
               code == QWebSocketProtocol::CloseCodeWrongDatatype) {
        require(ending.fault == WebSocketFault::ProtocolError,
                "1002/1007 count as protocol errors");
        require(ending.reason.endsWith(reason), "the peer's reason is kept, never interpreted");
    } else {
        require(ending.fault ==
                    (socketError ? std::optional(WebSocketFault::SocketError) : std::nullopt),
                "a clean close is no fault, a failed socket is");
        if (!socketError)
            require(ending.reason.endsWith(reason), "the peer's reason is kept, never interpreted");
    }
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput input(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    // Between a tiny link and the default 64 KiB (WebSocketLink::DefaultMaxFrameSize).
    const qsizetype maxFrameSize = qsizetype(input.u16()) + 1;
    while (!input.atEnd()) {
        switch (input.byte() % EventCount) {
        case Binary: {
            const quint16 raw = input.u16();
            const qsizetype bytes = raw & 0x8000 ? 64 * 1024 + qsizetype(raw & 0x7FFF) * 16 : raw;
            checkMessage(WebSocketInput::MessageKind::Binary, bytes, maxFrameSize);
            break;
        }
        case Text:
            checkMessage(WebSocketInput::MessageKind::Text, input.u16(), maxFrameSize);
            break;
        case Disconnect:
            checkEnding(input);
            break;
        }
    }
    return 0;
}
