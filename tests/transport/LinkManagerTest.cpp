// SPDX-License-Identifier: GPL-3.0-or-later
#include <QHash>
#include <QPointer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

#include "FakeLink.h"
#include "FakeLinkTransport.h"
#include "LinkManager.h"
#include "VirtualClock.h"

using namespace Qt::StringLiterals;

namespace {
const PeerId LowPeer = *PeerId::fromHex(u"0000000000000001");
const PeerId HighPeer = *PeerId::fromHex(u"ff00000000000002");
const QString StaticAddress = u"ws://127.0.0.1:4000"_s;

/** One node: its manager, taking links from a fake transport. */
struct Node
{
    Node(VirtualClock &clock, const PeerId &id, int linkLimit = LinkManager::DefaultLinkLimit)
        : transport(clock)
        , manager(id, clock, &random, linkLimit)
    {
        manager.addTransport(&transport);
    }

    QRandomGenerator random{42};
    FakeLinkTransport transport;
    LinkManager manager;
};

/** Whether @p delayMs is @p baseMs spread by at most the default ±20% jitter. */
bool isJitteredBase(qint64 delayMs, qint64 baseMs)
{
    return delayMs >= baseMs * 8 / 10 && delayMs <= baseMs * 12 / 10;
}
} // namespace

class LinkManagerTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void acceptsUpToTheLimitAndRefusesBeyond()
    {
        VirtualClock clock;
        Node node(clock, LowPeer, 2);
        QSignalSpy added(&node.manager, &LinkManager::linkAdded);

        FakeLink *first = node.transport.acceptIncoming(u"a"_s);
        QCOMPARE(node.manager.availableSlots(), 1);
        FakeLink *second = node.transport.acceptIncoming(u"b"_s);
        QCOMPARE(node.manager.availableSlots(), 0);

        FakeLink refusedNode(true, u"ws://us"_s); // the far end of the link we refuse
        QPointer<FakeLink> refused = node.transport.acceptIncoming(u"c"_s, &refusedNode);

        QCOMPARE(added.size(), 2);
        QCOMPARE(node.manager.links(), (QList<Link *>{first, second}));
        QCOMPARE(refusedNode.closeReason(), u"remote closed: link limit"_s);
        QCOMPARE(node.manager.closedCount(u"link limit"_s), 1u);
        QTRY_VERIFY(refused.isNull());
    }

    void changingTheLimitKeepsOpenLinks()
    {
        VirtualClock clock;
        Node node(clock, LowPeer, 2);
        QSignalSpy counts(&node.manager, &LinkManager::countChanged);
        node.transport.acceptIncoming(u"a"_s);
        node.transport.acceptIncoming(u"b"_s);

        node.manager.setLinkLimit(1);
        QCOMPARE(node.manager.linkCount(), 2);
        QCOMPARE(node.manager.availableSlots(), 0);
        node.manager.setLinkLimit(4);
        QCOMPARE(node.manager.availableSlots(), 2);
        QCOMPARE(counts.size(), 4);
    }

    void closedLinkIsRemovedAndFreesItsSlot()
    {
        VirtualClock clock;
        Node node(clock, LowPeer, 1);
        QPointer<FakeLink> link = node.transport.acceptIncoming(u"a"_s);
        QSignalSpy removed(&node.manager, &LinkManager::linkRemoved);

        link->drop(u"radio gone"_s);

        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.at(0).at(0).value<Link *>(), link.data());
        QCOMPARE(removed.at(0).at(1).toString(), u"radio gone"_s);
        QCOMPARE(node.manager.linkCount(), 0);
        QCOMPARE(node.manager.availableSlots(), 1);
        QCOMPARE(node.manager.closedCount(u"radio gone"_s), 1u);
        QTRY_VERIFY(link.isNull());
        QVERIFY(node.transport.acceptIncoming(u"b"_s)->isOpen());
        QCOMPARE(node.manager.linkCount(), 1);
    }

    void forwardsFramesAndBroadcastsToOthers()
    {
        VirtualClock clock;
        Node node(clock, LowPeer);
        FakeLink nodeA(true, u"ws://us"_s);
        FakeLink nodeB(true, u"ws://us"_s);
        Link *fromA = node.transport.acceptIncoming(u"a"_s, &nodeA);
        node.transport.acceptIncoming(u"b"_s, &nodeB);
        QSignalSpy frames(&node.manager, &LinkManager::frameReceived);
        QSignalSpy heardByA(&nodeA, &Link::frameReceived);
        QSignalSpy heardByB(&nodeB, &Link::frameReceived);

        nodeA.send("hello");
        QCOMPARE(frames.size(), 1);
        QCOMPARE(frames.at(0).at(0).value<Link *>(), fromA);
        QCOMPARE(frames.at(0).at(1).toByteArray(), "hello");

        QCOMPARE(node.manager.broadcast("relayed", fromA), 1);
        QCOMPARE(heardByA.size(), 0);
        QCOMPARE(heardByB.size(), 1);
        QCOMPARE(heardByB.at(0).at(0).toByteArray(), "relayed");
    }

    void duplicateLinksConvergeOnOneConnection_data()
    {
        // x is dialed by the low node, y by the high one. "Lx": the low node binds its end of x.
        QTest::addColumn<QStringList>("binds");
        QTest::newRow("low node binds both first")
            << QStringList{u"Lx"_s, u"Ly"_s, u"Hx"_s, u"Hy"_s};
        QTest::newRow("high node binds both first")
            << QStringList{u"Hx"_s, u"Hy"_s, u"Lx"_s, u"Ly"_s};
        QTest::newRow("interleaved, x first") << QStringList{u"Lx"_s, u"Hx"_s, u"Ly"_s, u"Hy"_s};
        QTest::newRow("interleaved, y first") << QStringList{u"Hy"_s, u"Ly"_s, u"Hx"_s, u"Lx"_s};
        QTest::newRow("each binds the other's dial first")
            << QStringList{u"Ly"_s, u"Hx"_s, u"Lx"_s, u"Hy"_s};
    }

    void duplicateLinksConvergeOnOneConnection()
    {
        QFETCH(QStringList, binds);
        VirtualClock clock;
        Node low(clock, LowPeer);
        Node high(clock, HighPeer);
        const auto x = FakeLinkTransport::openConnection(low.transport, u"ws://high"_s,
                                                         high.transport, u"low:1"_s);
        const auto y = FakeLinkTransport::openConnection(high.transport, u"ws://low"_s,
                                                         low.transport, u"high:1"_s);
        const QHash<QString, FakeLink *> ends{
            {u"Lx"_s, x.dialed}, {u"Ly"_s, y.accepted}, {u"Hx"_s, x.accepted}, {u"Hy"_s, y.dialed}};

        for (const QString &bind : std::as_const(binds)) {
            FakeLink *link = ends.value(bind);
            if (!link->isOpen())
                continue; // the mesh never hears an announce on a closed link
            if (bind.startsWith(u'L'))
                low.manager.bindRemotePeer(link, HighPeer);
            else
                high.manager.bindRemotePeer(link, LowPeer);
        }

        // Both keep connection x, the one dialed by the lower peer ID.
        QCOMPARE(low.manager.links(), QList<Link *>{x.dialed});
        QCOMPARE(high.manager.links(), QList<Link *>{x.accepted});
        QVERIFY(!y.dialed->isOpen() && !y.accepted->isOpen());
        const QString duplicate = u"duplicate link"_s;
        QCOMPARE(low.manager.closedCount(duplicate) + high.manager.closedCount(duplicate), 1u);
        const QString seen = u"remote closed: duplicate link"_s;
        QCOMPARE(low.manager.closedCount(seen) + high.manager.closedCount(seen), 1u);
    }

    void linkToItselfIsClosed()
    {
        VirtualClock clock;
        Node node(clock, LowPeer);
        FakeLink self(true, u"ws://us"_s);
        Link *link = node.transport.acceptIncoming(u"a"_s, &self);

        node.manager.bindRemotePeer(link, LowPeer);

        QCOMPARE(node.manager.linkCount(), 0);
        QCOMPARE(self.closeReason(), u"remote closed: self link"_s);
    }

    void staticPeerBackoffGrowsToTheCap()
    {
        VirtualClock clock;
        Node node(clock, HighPeer);
        node.manager.addStaticPeer(&node.transport, StaticAddress);
        QCOMPARE(node.transport.dials().size(), 1);
        QCOMPARE(node.transport.dials().at(0).address, StaticAddress);

        const QList<qint64> bases{1'000, 2'000, 4'000, 8'000, 16'000, 32'000, 60'000, 60'000};
        bool jittered = false;
        for (qsizetype i = 0; i < bases.size(); ++i) {
            node.transport.failDial(StaticAddress, u"connection refused"_s);
            const qint64 failedAt = clock.monotonicMs();
            clock.advance(2 * 60'000);
            QCOMPARE(node.transport.dials().size(), i + 2);
            const qint64 delay = node.transport.dials().constLast().atMs - failedAt;
            QVERIFY2(isJitteredBase(delay, bases.at(i)),
                     qPrintable(u"retry %1 after %2 ms"_s.arg(i).arg(delay)));
            jittered = jittered || delay != bases.at(i);
        }
        QVERIFY(jittered);
    }

    void staticPeerBackoffResetsAfterAStableLink_data()
    {
        QTest::addColumn<qint64>("lifetimeMs");
        QTest::addColumn<qint64>("expectedBaseMs");
        QTest::newRow("link lasted 5 s: backoff keeps growing") << qint64(5'000) << qint64(4'000);
        QTest::newRow("link lasted 30 s: backoff starts over") << qint64(30'000) << qint64(1'000);
    }

    void staticPeerBackoffResetsAfterAStableLink()
    {
        QFETCH(qint64, lifetimeMs);
        QFETCH(qint64, expectedBaseMs);
        VirtualClock clock;
        Node node(clock, HighPeer);
        node.manager.addStaticPeer(&node.transport, StaticAddress);
        node.transport.failDial(StaticAddress, u"connection refused"_s); // retry after ~1 s
        clock.advance(2'000);
        node.transport.failDial(StaticAddress, u"connection refused"_s); // retry after ~2 s
        clock.advance(3'000);
        QCOMPARE(node.transport.dials().size(), 3);

        FakeLink *link = node.transport.answerDial(StaticAddress);
        QCOMPARE(node.manager.linkCount(), 1);
        clock.advance(lifetimeMs);
        link->drop(u"remote closed"_s);
        const qint64 droppedAt = clock.monotonicMs();
        clock.advance(10'000);

        QCOMPARE(node.transport.dials().size(), 4);
        const qint64 delay = node.transport.dials().constLast().atMs - droppedAt;
        QVERIFY2(isJitteredBase(delay, expectedBaseMs), qPrintable(QString::number(delay)));
    }

    void staticPeerWaitsWhileAnotherLinkReachesIt()
    {
        VirtualClock clock;
        Node node(clock, HighPeer); // the lower node's dial wins, so ours is the duplicate
        node.manager.addStaticPeer(&node.transport, StaticAddress);
        FakeLink *ours = node.transport.answerDial(StaticAddress);
        FakeLink *theirs = node.transport.acceptIncoming(u"127.0.0.1:50000"_s);
        node.manager.bindRemotePeer(theirs, LowPeer);
        node.manager.bindRemotePeer(ours, LowPeer);
        QCOMPARE(ours->closeReason(), u"duplicate link"_s);
        QCOMPARE(node.manager.links(), QList<Link *>{theirs});

        clock.advance(10 * 60'000);
        QCOMPARE(node.transport.dials().size(), 1);

        theirs->drop(u"remote closed"_s);
        const qint64 droppedAt = clock.monotonicMs();
        clock.advance(2'000);
        QCOMPARE(node.transport.dials().size(), 2);
        QVERIFY(isJitteredBase(node.transport.dials().constLast().atMs - droppedAt, 1'000));
    }

    void staticPeerRefusedAtTheLimitIsRetried()
    {
        VirtualClock clock;
        Node node(clock, HighPeer, 1);
        node.transport.acceptIncoming(u"127.0.0.1:50000"_s);
        node.manager.addStaticPeer(&node.transport, StaticAddress);
        FakeLink staticNode(false, u"127.0.0.1:50001"_s);
        node.transport.answerDial(StaticAddress, &staticNode);
        QCOMPARE(staticNode.closeReason(), u"remote closed: link limit"_s);

        clock.advance(2'000);
        QCOMPARE(node.transport.dials().size(), 2);
    }
};

QTEST_GUILESS_MAIN(LinkManagerTest)
#include "LinkManagerTest.moc"
