// SPDX-License-Identifier: GPL-3.0-or-later
// Real `meshcast --headless` processes on 127.0.0.1 that are killed, quit and restarted: what
// their neighbours report, and what a node keeps in its data directory across a restart.
#include <QJsonObject>
#include <QTest>

#include "HeadlessMesh.h"

using namespace Qt::StringLiterals;

namespace {
constexpr int FormMs = 20000;
constexpr int DeliveryMs = 10000;
// A killed node is noticed at once by its neighbours (the socket closes) and after the 4 s
// presence timeout (plus up to 1 s expiry tick) by the others.
constexpr int TimeoutNoticedMs = 15000;
// A dialer retries a lost peer after ~1, 2, 4, 8 … s (±20 %); the restart lands in that schedule.
constexpr int RedialMs = 30000;
} // namespace

class NodeLifecycleTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void killedMiddleNodeIsMissedThenRejoins()
    {
        HeadlessMesh mesh;
        QVERIFY(mesh.startChain(3));
        QTRY_VERIFY_WITH_TIMEOUT(mesh.isFullyConnected(), FormMs);
        HeadlessNode &a = mesh.at(0);
        HeadlessNode &b = mesh.at(1);
        HeadlessNode &c = mesh.at(2);
        const QString bId = b.peerId();
        const QString bListen = b.listenUrl();

        b.kill(); // no leave: A and C only see their sockets close
        QTRY_VERIFY_WITH_TIMEOUT(!a.isPresent(bId) && !c.isPresent(bId), TimeoutNoticedMs);
        QCOMPARE(a.peerEventCount(bId, u"left"_s), 1);
        QCOMPARE(c.peerEventCount(bId, u"left"_s), 1);
        // The halves lost each other too, by the presence timeout.
        QTRY_VERIFY_WITH_TIMEOUT(!a.isPresent(c.peerId()) && !c.isPresent(a.peerId()),
                                 TimeoutNoticedMs);

        QVERIFY(b.start()); // same data dir, same port: B dials A again, C redials B
        QCOMPARE(b.peerId(), bId);
        QCOMPARE(b.listenUrl(), bListen);
        QTRY_VERIFY_WITH_TIMEOUT(a.isPresent(bId) && c.isPresent(bId), RedialMs);
        QCOMPARE(a.peerEventCount(bId, u"joined"_s), 2);
        QCOMPARE(c.peerEventCount(bId, u"joined"_s), 2);
        QTRY_VERIFY_WITH_TIMEOUT(mesh.isFullyConnected(), FormMs);

        const QString healed = a.sendMessage(u"across the healed chain"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!c.messages(healed).isEmpty(), DeliveryMs);
        QCOMPARE(c.message(healed).value(u"hops"_s).toInt(), 2);
        const QString back = c.sendMessage(u"and back"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!a.messages(back).isEmpty(), DeliveryMs);
        QCOMPARE(b.messages(healed).size(), 1);
    }

    void restartKeepsIdentityAndSendsWhatWasQueued()
    {
        HeadlessMesh mesh;
        HeadlessNode *solo = mesh.addDialing(u"Solo"_s, {});
        QVERIFY(solo);
        const QString soloId = solo->peerId();
        const QString fingerprint = solo->events().first().value(u"fingerprint"_s).toString();

        const QString queued = solo->sendMessage(u"written while alone"_s);
        QVERIFY(!queued.isEmpty());
        QVERIFY(solo->closeInputAndWait());
        QCOMPARE(solo->exitCode(), 0);
        // The process is gone and all it printed was read: it never claimed to have sent it.
        QVERIFY(!solo->hasEvent(u"sent"_s, queued));

        HeadlessNode *listener = mesh.addDialing(u"Listener"_s, {});
        QVERIFY(listener);
        solo->options().peers = {listener->listenUrl()};
        QVERIFY(solo->start());
        QCOMPARE(solo->peerId(), soloId);
        QCOMPARE(solo->events().first().value(u"fingerprint"_s).toString(), fingerprint);
        QCOMPARE(solo->nick(), u"Solo"_s);

        QTRY_VERIFY_WITH_TIMEOUT(!listener->messages(queued).isEmpty(), DeliveryMs);
        QTRY_VERIFY_WITH_TIMEOUT(solo->hasEvent(u"sent"_s, queued), DeliveryMs);
        const QJsonObject received = listener->message(queued);
        QCOMPARE(received.value(u"text"_s).toString(), u"written while alone"_s);
        QCOMPARE(received.value(u"peer_id"_s).toString(), soloId);
        QCOMPARE(received.value(u"hops"_s).toInt(), 1);
        QVERIFY(received.value(u"verified"_s).toBool());
        QTRY_VERIFY_WITH_TIMEOUT(listener->isPresent(soloId), FormMs);
        QCOMPARE(listener->messages(queued).size(), 1);
        QCOMPARE(solo->events(u"queued"_s).size(), 0); // queued in the first run, not again
    }

    void gracefulQuitIsSeenBeforeAnyTimeout()
    {
        // Presence times out after a minute here, far beyond every wait below: a peer that is
        // reported gone was told so by the leave, not by silence.
        HeadlessNode::Options slowTimeout;
        slowTimeout.peerTimeoutMs = 60000;
        HeadlessMesh mesh;
        QVERIFY(mesh.startChain(3, slowTimeout));
        QTRY_VERIFY_WITH_TIMEOUT(mesh.isFullyConnected(), FormMs);
        HeadlessNode &a = mesh.at(0);
        HeadlessNode &b = mesh.at(1);
        HeadlessNode &c = mesh.at(2);
        const QString cId = c.peerId();

        c.send(u"/quit"_s);
        QVERIFY(c.waitForExit());
        QCOMPARE(c.exitCode(), 0);
        // B is C's neighbour (it also sees the socket close); A is two hops away and learns it
        // from the leave B relays.
        QTRY_VERIFY_WITH_TIMEOUT(b.peerEventCount(cId, u"left"_s) > 0, DeliveryMs);
        QTRY_VERIFY_WITH_TIMEOUT(a.peerEventCount(cId, u"left"_s) > 0, DeliveryMs);

        // Nothing C sent before it exited may bring it back: whatever B still relays is ahead of
        // a message from B that then travels to A, and of A's answer that travels back.
        const QString fromB = b.sendMessage(u"after the leave"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!a.messages(fromB).isEmpty(), DeliveryMs);
        const QString fromA = a.sendMessage(u"after the leave too"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!b.messages(fromA).isEmpty(), DeliveryMs);
        QVERIFY(!a.isPresent(cId));
        QVERIFY(!b.isPresent(cId));
        QCOMPARE(a.peerEventCount(cId, u"joined"_s), 1);
        QCOMPARE(b.peerEventCount(cId, u"joined"_s), 1);
        QVERIFY(a.isPresent(b.peerId()));
    }

    void quitRightAfterRenameStaysGone()
    {
        // A rename announces at once; a quit on its heels must still be the last word, or the
        // others show the renamed node (re-added by that announce) until their presence timeout.
        HeadlessNode::Options slowTimeout;
        slowTimeout.peerTimeoutMs = 60000;
        HeadlessMesh mesh;
        QVERIFY(mesh.startChain(3, slowTimeout));
        QTRY_VERIFY_WITH_TIMEOUT(mesh.isFullyConnected(), FormMs);
        HeadlessNode &a = mesh.at(0);
        HeadlessNode &b = mesh.at(1);
        HeadlessNode &c = mesh.at(2);
        const QString cId = c.peerId();

        c.send(u"/nick Cee\n/quit"_s); // one write: the node reads both lines at once
        QVERIFY(c.waitForExit());
        QTRY_VERIFY_WITH_TIMEOUT(!b.isPresent(cId), DeliveryMs); // at the latest, the socket closed
        const QString fromB = b.sendMessage(u"after the leave"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!a.messages(fromB).isEmpty(), DeliveryMs);
        const QString fromA = a.sendMessage(u"after the leave too"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!b.messages(fromA).isEmpty(), DeliveryMs);
        QVERIFY2(!b.isPresent(cId), "B shows C again after its leave");
        QVERIFY2(!a.isPresent(cId), "A shows C again after its leave");
    }
};

QTEST_GUILESS_MAIN(NodeLifecycleTest)
#include "NodeLifecycleTest.moc"
