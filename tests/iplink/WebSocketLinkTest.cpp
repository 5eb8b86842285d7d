// SPDX-License-Identifier: GPL-3.0-or-later
#include <QCoreApplication>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>
#include <QtEndian>

#include <algorithm>
#include <memory>

#include "VirtualClock.h"
#include "WebSocketLink.h"
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
Q_DECLARE_METATYPE(SendResult)
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

    void peerThatNeverReadsIsBoundedThenDropped()
    {
        // Issue 8 defect 5: relaying to a neighbour that never reads grew the node without end.
        QSignalSpy accepted(m_listener.get(), &LinkTransport::linkOpened);
        QTcpSocket rogue;
        rogue.connectToHost(QHostAddress::LocalHost, m_listener->listenPort());
        QVERIFY(rogue.waitForConnected(5'000));
        rogue.setReadBufferSize(1); // Qt takes one byte from the kernel, then stops reading
        rogue.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
        rogue.write(Handshake);
        QTRY_COMPARE(accepted.size(), 1);
        auto *link = qobject_cast<WebSocketLink *>(accepted.at(0).at(0).value<Link *>());
        QVERIFY(link);
        QSignalSpy closed(link, &Link::closed);
        const SendQueueGuard::Policy policy = link->sendQueue().policy();
        const QByteArray relay(16 * 1024, 'r');
        qint64 peak = 0;

        // Relays go until the kernel's buffers are full and Qt's passes the relay bound.
        SendResult result = SendResult::Accepted;
        for (int i = 0; i < 4'000 && result == SendResult::Accepted; ++i) {
            result = link->send(relay, SendPriority::Relay);
            peak = std::max(peak, link->queuedBytes());
            QCoreApplication::processEvents(); // Qt hands the kernel what it takes
        }
        QCOMPARE(result, SendResult::QueueFull);
        QVERIFY2(peak <= policy.relayBytes, qPrintable(QString::number(peak)));

        // This node's own frames still get through, up to the hard cap.
        int own = 0;
        while (own < 1'000 && link->send(QByteArray(16 * 1024, 'o')) == SendResult::Accepted) {
            ++own;
            peak = std::max(peak, link->queuedBytes());
            QCoreApplication::processEvents();
        }
        QVERIFY(own > 0);
        QVERIFY2(peak <= policy.maxBytes, qPrintable(QString::number(peak)));
        QCOMPARE(link->send("tiny", SendPriority::Relay), SendResult::QueueFull);
        QVERIFY(link->sendQueue().refusedCount(SendPriority::Relay) >= 2);
        QVERIFY(link->isOpen());

        // Nothing leaves: the link is dropped, and what it held with it.
        for (int i = 0; i < 5 && closed.isEmpty(); ++i) {
            QCoreApplication::processEvents();
            m_clock.advance(policy.stuckAfterMs);
        }
        QCOMPARE(closed.size(), 1);
        QCOMPARE(closed.at(0).at(0).toString(), u"send queue stuck"_s);
        QCOMPARE(link->queuedBytes(), 0);
        QCOMPARE(link->send("late"), SendResult::Closed);

        // The healthy link never noticed.
        QSignalSpy there(m_healthyThere, &Link::frameReceived);
        QCOMPARE(m_healthyHere->send("still here", SendPriority::Relay), SendResult::Accepted);
        QVERIFY(there.wait());
        QCOMPARE(there.at(0).at(0).toByteArray(), "still here");
    }

    void oversizedSendIsRefusedLocally()
    {
        QSignalSpy there(m_healthyThere, &Link::frameReceived);
        QCOMPARE(m_healthyHere->send(QByteArray(m_healthyHere->mtu() + 1, 'x')),
                 SendResult::TooLarge);
        QCOMPARE(m_healthyHere->send("after"), SendResult::Accepted);
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
