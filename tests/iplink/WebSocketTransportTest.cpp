// SPDX-License-Identifier: GPL-3.0-or-later
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QWebSocket>

#include <algorithm>
#include <array>
#include <memory>

#include "LinkManager.h"
#include "VirtualClock.h"
#include "WebSocketTransport.h"

using namespace Qt::StringLiterals;

namespace {
Link *linkAt(const QSignalSpy &opened, qsizetype index)
{
    return opened.at(index).at(0).value<Link *>();
}

int countDisconnected(const std::array<std::unique_ptr<QWebSocket>, 7> &clients,
                      const QString &reason)
{
    return int(std::count_if(clients.cbegin(), clients.cend(), [&reason](const auto &client) {
        return client->state() == QAbstractSocket::UnconnectedState &&
               client->closeReason() == reason;
    }));
}
} // namespace

class WebSocketTransportTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void listensOnLoopbackWithAFreePort()
    {
        VirtualClock clock;
        WebSocketTransport transport(clock);
        QSignalSpy state(&transport, &LinkTransport::stateChanged);

        QVERIFY(transport.start());

        QVERIFY(transport.isRunning());
        QCOMPARE(state.size(), 1);
        QCOMPARE(transport.listenAddress(), QHostAddress(QHostAddress::LocalHost));
        QVERIFY(transport.listenPort() != 0);
        QCOMPARE(transport.listenUrl(), u"ws://127.0.0.1:%1"_s.arg(transport.listenPort()));
        transport.stop();
        QVERIFY(!transport.isRunning());
    }

    void twoNodesExchangeFramesBothWays()
    {
        VirtualClock clock;
        WebSocketTransport listener(clock);
        WebSocketTransport dialer(clock);
        QVERIFY(listener.start());
        QSignalSpy accepted(&listener, &LinkTransport::linkOpened);
        QSignalSpy dialed(&dialer, &LinkTransport::linkOpened);

        dialer.dial(listener.listenUrl());
        QVERIFY(dialed.wait());
        QTRY_COMPARE(accepted.size(), 1);
        Link *out = linkAt(dialed, 0);
        Link *in = linkAt(accepted, 0);
        QVERIFY(out->isOutgoing());
        QVERIFY(!in->isOutgoing());
        QCOMPARE(out->remoteAddress(), listener.listenUrl());
        QVERIFY(in->remoteAddress().startsWith(u"127.0.0.1:"_s));
        QCOMPARE(out->type(), LinkType::Ip);
        QCOMPARE(out->mtu(), 64 * 1024);
        QCOMPARE(out->rssi(), std::nullopt);
        QCOMPARE(dialer.pendingDialCount(), 0);

        QSignalSpy inFrames(in, &Link::frameReceived);
        QSignalSpy outFrames(out, &Link::frameReceived);
        const QByteArray request("\x01\x00\x07 announce", 12);
        const QByteArray answer(64 * 1024, '\x02'); // exactly the limit
        out->send(request);
        in->send(answer);
        QVERIFY(inFrames.wait());
        QTRY_COMPARE(outFrames.size(), 1);
        QCOMPARE(inFrames.at(0).at(0).toByteArray(), request);
        QCOMPARE(outFrames.at(0).at(0).toByteArray(), answer);
    }

    void closeReasonReachesTheOtherEnd()
    {
        VirtualClock clock;
        WebSocketTransport listener(clock);
        WebSocketTransport dialer(clock);
        QVERIFY(listener.start());
        QSignalSpy accepted(&listener, &LinkTransport::linkOpened);
        QSignalSpy dialed(&dialer, &LinkTransport::linkOpened);
        dialer.dial(listener.listenUrl());
        QTRY_COMPARE(accepted.size(), 1);
        QTRY_COMPARE(dialed.size(), 1);
        QSignalSpy inClosed(linkAt(accepted, 0), &Link::closed);

        linkAt(dialed, 0)->close(u"duplicate link"_s);

        QVERIFY(!linkAt(dialed, 0)->isOpen());
        QVERIFY(inClosed.wait());
        QCOMPARE(inClosed.at(0).at(0).toString(), u"remote closed: duplicate link"_s);
    }

    void dialToAClosedPortFails()
    {
        VirtualClock clock;
        QTcpServer probe; // learn a free loopback port, then free it again
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const QString address = u"ws://127.0.0.1:%1"_s.arg(probe.serverPort());
        probe.close();
        WebSocketTransport dialer(clock);
        QSignalSpy failed(&dialer, &LinkTransport::dialFailed);
        QSignalSpy opened(&dialer, &LinkTransport::linkOpened);

        dialer.dial(address);

        QVERIFY(failed.wait());
        QCOMPARE(failed.at(0).at(0).toString(), address);
        QCOMPARE(failed.at(0).at(1).toString(), u"Connection refused"_s);
        QCOMPARE(opened.size(), 0);
        QCOMPARE(dialer.pendingDialCount(), 0);
    }

    void dialWithoutHandshakeTimesOutOnTheClock()
    {
        VirtualClock clock;
        QTcpServer silent; // accepts TCP, never answers the WebSocket handshake
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        WebSocketTransport dialer(clock, {.dialTimeoutMs = 3'000});
        QSignalSpy failed(&dialer, &LinkTransport::dialFailed);
        const QString address = u"ws://127.0.0.1:%1"_s.arg(silent.serverPort());

        dialer.dial(address);
        QVERIFY(silent.waitForNewConnection(5'000));
        clock.advance(2'999);
        QCOMPARE(failed.size(), 0);
        clock.advance(1);

        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).at(1).toString(), u"timeout"_s);
        QCOMPARE(dialer.pendingDialCount(), 0);
    }

    void idleConnectionsGiveWayToANewcomer()
    {
        // Issue 8 defect 4: seven connections that never announce, beside one honest neighbour,
        // used to hold every slot of the default limit (8) for as long as they stayed.
        VirtualClock clock;
        QRandomGenerator random(7);
        WebSocketTransport listener(clock);
        LinkManager manager(*PeerId::fromHex(u"0000000000000001"_s), clock, &random);
        manager.addTransport(&listener);
        QVERIFY(listener.start());
        QSignalSpy added(&manager, &LinkManager::linkAdded);
        QCOMPARE(manager.linkLimit(), 8);

        WebSocketTransport honestNode(clock);
        honestNode.dial(listener.listenUrl());
        QTRY_COMPARE(added.size(), 1);
        Link *honest = linkAt(added, 0);
        manager.bindRemotePeer(honest, *PeerId::fromHex(u"00000000000000aa"_s)); // it announced

        std::array<std::unique_ptr<QWebSocket>, 7> idle;
        for (auto &client : idle) {
            client = std::make_unique<QWebSocket>();
            client->open(QUrl(listener.listenUrl()));
        }
        QTRY_COMPARE(manager.linkCount(), 8);
        QTRY_VERIFY(std::all_of(idle.cbegin(), idle.cend(),
                                [](const auto &client) { return client->isValid(); }));

        clock.advance(3'000); // they had their chance to announce
        QWebSocket newcomer;
        newcomer.open(QUrl(listener.listenUrl()));
        QTRY_COMPARE(added.size(), 9);
        Link *newcomerLink = linkAt(added, 8);
        QVERIFY(newcomerLink->isOpen());
        QTRY_COMPARE(countDisconnected(idle, u"evicted"_s), 1);
        QCOMPARE(manager.closedCount(u"evicted"_s), 1u);
        QCOMPARE(manager.closedCount(u"link limit"_s), 0u);
        QVERIFY(honest->isOpen());
        QTRY_VERIFY(newcomer.isValid()); // its side of the handshake may still be in flight
        manager.bindRemotePeer(newcomerLink, *PeerId::fromHex(u"00000000000000bb"_s));

        clock.advance(7'000); // ten seconds after they connected
        QTRY_COMPARE(countDisconnected(idle, u"no announce"_s), 6);
        QCOMPARE(manager.closedCount(u"no announce"_s), 6u);
        QCOMPARE(manager.links(), (QList<Link *>{honest, newcomerLink}));
        QVERIFY(newcomer.isValid());
    }

    void invalidAddressFails()
    {
        VirtualClock clock;
        WebSocketTransport dialer(clock);
        QSignalSpy failed(&dialer, &LinkTransport::dialFailed);

        dialer.dial(u"http://127.0.0.1:80"_s);

        QCOMPARE(failed.size(), 0); // answered from the event loop, never inline
        QVERIFY(failed.wait());
        QCOMPARE(failed.at(0).at(1).toString(), u"invalid address"_s);
    }
};

QTEST_GUILESS_MAIN(WebSocketTransportTest)
#include "WebSocketTransportTest.moc"
