// SPDX-License-Identifier: GPL-3.0-or-later
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>
#include <QtEndian>

#include <memory>

#include "VirtualClock.h"
#include "WebSocketTransport.h"

using namespace Qt::StringLiterals;

namespace {
enum class Misbehaviour
{
    TextMessage,
    OversizedFrame,
    Garbage,
};

/** A valid client handshake; after it, a raw socket can write anything it likes. */
const QByteArray Handshake =
    "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
    "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
    "Sec-WebSocket-Version: 13\r\n\r\n";
} // namespace

Q_DECLARE_METATYPE(Misbehaviour)
Q_DECLARE_METATYPE(WebSocketFault)

/**
 * One node (the listener) with a healthy link to a second node, and a misbehaving client opening
 * a third connection. Only the misbehaving link may close; the healthy one must carry on.
 */
class WebSocketLinkTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_listener = std::make_unique<WebSocketTransport>(m_clock);
        m_neighbour = std::make_unique<WebSocketTransport>(m_clock);
        QVERIFY(m_listener->start());
        QSignalSpy accepted(m_listener.get(), &LinkTransport::linkOpened);
        QSignalSpy dialed(m_neighbour.get(), &LinkTransport::linkOpened);
        m_neighbour->dial(m_listener->listenUrl());
        QTRY_COMPARE(accepted.size(), 1);
        QTRY_COMPARE(dialed.size(), 1);
        m_healthyHere = accepted.at(0).at(0).value<Link *>();
        m_healthyThere = dialed.at(0).at(0).value<Link *>();
    }

    void cleanup()
    {
        m_neighbour.reset();
        m_listener.reset();
    }

    void misbehaviourClosesOnlyThatLink_data()
    {
        QTest::addColumn<Misbehaviour>("misbehaviour");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<WebSocketFault>("fault");
        QTest::addColumn<int>("closeCode");
        QTest::newRow("text message") << Misbehaviour::TextMessage << u"text message"_s
                                      << WebSocketFault::TextMessage << 1003;
        QTest::newRow("frame one byte over the limit")
            << Misbehaviour::OversizedFrame << u"frame too large"_s
            << WebSocketFault::OversizedFrame << 1009;
        QTest::newRow("garbage after the handshake")
            << Misbehaviour::Garbage << u"protocol error: "_s << WebSocketFault::ProtocolError
            << 1002;
    }

    void misbehaviourClosesOnlyThatLink()
    {
        QFETCH(Misbehaviour, misbehaviour);
        QFETCH(QString, reason);
        QFETCH(WebSocketFault, fault);
        QFETCH(int, closeCode);
        QSignalSpy accepted(m_listener.get(), &LinkTransport::linkOpened);

        QWebSocket client;
        QTcpSocket raw;
        if (misbehaviour == Misbehaviour::Garbage) {
            raw.connectToHost(QHostAddress::LocalHost, m_listener->listenPort());
            QVERIFY(raw.waitForConnected(5'000));
            raw.write(Handshake);
        } else {
            client.open(QUrl(m_listener->listenUrl()));
        }
        QTRY_COMPARE(accepted.size(), 1);
        Link *rogue = accepted.at(0).at(0).value<Link *>();
        QSignalSpy rogueClosed(rogue, &Link::closed);

        switch (misbehaviour) {
        case Misbehaviour::TextMessage:
            QTRY_VERIFY(client.isValid());
            client.sendTextMessage(u"hello"_s);
            break;
        case Misbehaviour::OversizedFrame:
            QTRY_VERIFY(client.isValid());
            client.sendBinaryMessage(QByteArray(64 * 1024 + 1, 'x'));
            break;
        case Misbehaviour::Garbage:
            QTRY_VERIFY(raw.bytesAvailable() > 0); // the 101 answer
            raw.readAll();
            raw.write(QByteArray(8, '\xff')); // reserved bits and opcode: not a frame
            break;
        }

        QVERIFY(rogueClosed.wait());
        QVERIFY2(rogueClosed.at(0).at(0).toString().startsWith(reason),
                 qPrintable(rogueClosed.at(0).at(0).toString()));
        QCOMPARE(m_listener->faultCount(fault), 1u);

        // What the misbehaving peer sees: a close frame with the code that names its mistake.
        if (misbehaviour == Misbehaviour::Garbage) {
            QTRY_VERIFY(raw.bytesAvailable() >= 4);
            const QByteArray closeFrame = raw.readAll();
            QCOMPARE(quint8(closeFrame.at(0)), 0x88); // FIN + close
            QCOMPARE(qFromBigEndian<quint16>(closeFrame.constData() + 2), closeCode);
        } else {
            QTRY_COMPARE(client.state(), QAbstractSocket::UnconnectedState);
            QCOMPARE(int(client.closeCode()), closeCode);
        }

        // The healthy link is untouched and still carries frames both ways.
        QVERIFY(m_healthyHere->isOpen());
        QSignalSpy here(m_healthyHere, &Link::frameReceived);
        QSignalSpy there(m_healthyThere, &Link::frameReceived);
        m_healthyThere->send("ping");
        m_healthyHere->send("pong");
        QTRY_COMPARE(here.size(), 1);
        QTRY_COMPARE(there.size(), 1);
        QCOMPARE(here.at(0).at(0).toByteArray(), "ping");
    }

    void textMessageCloseReasonReachesThePeer()
    {
        QSignalSpy accepted(m_listener.get(), &LinkTransport::linkOpened);
        QWebSocket client;
        client.open(QUrl(m_listener->listenUrl()));
        QTRY_VERIFY(client.isValid());
        client.sendTextMessage(u"{\"type\":\"chat\"}"_s);
        QTRY_COMPARE(client.state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(client.closeReason(), u"text message"_s);
    }

    void oversizedSendIsRefusedLocally()
    {
        QSignalSpy there(m_healthyThere, &Link::frameReceived);
        m_healthyHere->send(QByteArray(m_healthyHere->mtu() + 1, 'x'));
        m_healthyHere->send("after");
        QVERIFY(there.wait());
        QCOMPARE(there.at(0).at(0).toByteArray(), "after");
        QVERIFY(m_healthyHere->isOpen());
    }

private:
    VirtualClock m_clock;
    std::unique_ptr<WebSocketTransport> m_listener;
    std::unique_ptr<WebSocketTransport> m_neighbour;
    Link *m_healthyHere = nullptr;  // on the listener, owned by it
    Link *m_healthyThere = nullptr; // on the neighbour, owned by it
};

QTEST_GUILESS_MAIN(WebSocketLinkTest)
#include "WebSocketLinkTest.moc"
