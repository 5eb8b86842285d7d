// SPDX-License-Identifier: GPL-3.0-or-later
// What a WebSocket link makes of what the other end sends, decision by decision: which messages
// reach the mesh, which close the link with which code, and what a closed link says happened.
#include <QTest>

#include "WebSocketInput.h"

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(WebSocketInput::MessageKind)
Q_DECLARE_METATYPE(std::optional<WebSocketFault>)

class WebSocketInputTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void messages_data()
    {
        QTest::addColumn<WebSocketInput::MessageKind>("kind");
        QTest::addColumn<qsizetype>("size");
        QTest::addColumn<bool>("delivered");
        QTest::addColumn<std::optional<WebSocketFault>>("fault");
        QTest::addColumn<int>("closeCode");
        QTest::addColumn<QString>("reason");
        const auto binary = WebSocketInput::MessageKind::Binary;
        const auto text = WebSocketInput::MessageKind::Text;
        QTest::newRow("empty binary message is a frame")
            << binary << qsizetype(0) << true << std::optional<WebSocketFault>() << 1000
            << QString();
        QTest::newRow("binary message at the limit is a frame")
            << binary << qsizetype(512) << true << std::optional<WebSocketFault>() << 1000
            << QString();
        QTest::newRow("binary message over the limit closes with 1009")
            << binary << qsizetype(513) << false
            << std::optional<WebSocketFault>(WebSocketFault::OversizedFrame) << 1009
            << u"frame too large"_s;
        QTest::newRow("text message closes with 1003")
            << text << qsizetype(4) << false
            << std::optional<WebSocketFault>(WebSocketFault::TextMessage) << 1003
            << u"text message"_s;
    }

    void messages()
    {
        QFETCH(WebSocketInput::MessageKind, kind);
        QFETCH(qsizetype, size);
        QFETCH(bool, delivered);
        QFETCH(std::optional<WebSocketFault>, fault);
        QFETCH(int, closeCode);
        QFETCH(QString, reason);
        const auto verdict = WebSocketInput::onMessage(kind, size, 512);
        QCOMPARE(verdict.deliver, delivered);
        QCOMPARE(verdict.fault, fault);
        if (!delivered) {
            QCOMPARE(int(verdict.closeCode), closeCode);
            QCOMPARE(verdict.reason, reason);
        }
    }

    void endings_data()
    {
        QTest::addColumn<int>("closeCode");
        QTest::addColumn<QString>("peerReason");
        QTest::addColumn<std::optional<QString>>("socketError");
        QTest::addColumn<std::optional<WebSocketFault>>("fault");
        QTest::addColumn<QString>("reason");
        const std::optional<QString> noError;
        const std::optional<WebSocketFault> clean;
        QTest::newRow("normal close with a reason")
            << 1000 << u"bye"_s << noError << clean << u"remote closed: bye"_s;
        QTest::newRow("normal close without a reason")
            << 1000 << QString() << noError << clean << u"remote closed"_s;
        // RFC 6455 §7.4.2: 3000-4999 are the application's; Qt passes them on as they came.
        QTest::newRow("application code 4000 is a plain close")
            << 4000 << u"app"_s << noError << clean << u"remote closed: app"_s;
        QTest::newRow("1009 counts as an oversized frame")
            << 1009 << u"anything"_s << noError
            << std::optional<WebSocketFault>(WebSocketFault::OversizedFrame)
            << u"frame too large"_s;
        QTest::newRow("1002 counts as a protocol error")
            << 1002 << u"bad frame"_s << noError
            << std::optional<WebSocketFault>(WebSocketFault::ProtocolError)
            << u"protocol error: bad frame"_s;
        QTest::newRow("1007 counts as a protocol error")
            << 1007 << QString() << noError
            << std::optional<WebSocketFault>(WebSocketFault::ProtocolError)
            << u"protocol error: "_s;
        QTest::newRow("dropped without a close frame is a socket error")
            << 1006 << QString() << std::optional<QString>(u"Connection reset"_s)
            << std::optional<WebSocketFault>(WebSocketFault::SocketError)
            << u"socket error: Connection reset"_s;
    }

    void endings()
    {
        QFETCH(int, closeCode);
        QFETCH(QString, peerReason);
        QFETCH(std::optional<QString>, socketError);
        QFETCH(std::optional<WebSocketFault>, fault);
        QFETCH(QString, reason);
        const auto ending = WebSocketInput::onDisconnected(closeCode, peerReason, socketError);
        QCOMPARE(ending.fault, fault);
        QCOMPARE(ending.reason, reason);
    }
};

QTEST_GUILESS_MAIN(WebSocketInputTest)
#include "WebSocketInputTest.moc"
