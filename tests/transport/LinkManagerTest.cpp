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
    Node(VirtualClock &clock, const PeerId &id, const LinkManager::Config &config)
        : transport(clock)
        , manager(id, clock, &random, config)
    {
        manager.addTransport(&transport);
    }

    QRandomGenerator random{42};
    FakeLinkTransport transport;
    LinkManager manager;
};

/** What one link already open at a full node has done, in virtual ms; -1: never. */
struct LinkPlan
{
    qint64 openAtMs = 0;
    qint64 boundAtMs = -1;
    qint64 lastFrameAtMs = -1;
};

PeerId neighbour(int index)
{
    return *PeerId::fromHex(u"00000000000000%1"_s.arg(index + 0xa0, 2, 16));
}

/** Whether @p delayMs is @p baseMs spread by at most the default ±20% jitter. */
bool isJitteredBase(qint64 delayMs, qint64 baseMs)
{
    return delayMs >= baseMs * 8 / 10 && delayMs <= baseMs * 12 / 10;
}
} // namespace

Q_DECLARE_METATYPE(LinkPlan)
Q_DECLARE_METATYPE(SendResult)
Q_DECLARE_METATYPE(SendPriority)
Q_DECLARE_METATYPE(QList<LinkPlan>)

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

    void linkWithoutAnnounceClosesAtTheDeadline_data()
    {
        QTest::addColumn<bool>("outgoing");
        QTest::addColumn<qint64>("boundAtMs"); // -1: never
        QTest::addColumn<bool>("staysOpen");
        QTest::newRow("incoming, never announces") << false << qint64(-1) << false;
        QTest::newRow("outgoing, never announces") << true << qint64(-1) << false;
        QTest::newRow("incoming, announces at once") << false << qint64(150) << true;
        QTest::newRow("incoming, announces just in time") << false << qint64(9'999) << true;
    }

    void linkWithoutAnnounceClosesAtTheDeadline()
    {
        QFETCH(bool, outgoing);
        QFETCH(qint64, boundAtMs);
        QFETCH(bool, staysOpen);
        VirtualClock clock;
        Node node(clock, LowPeer);
        QCOMPARE(node.manager.config().announceDeadlineMs, 10'000);
        FakeLink remote(!outgoing, u"ws://us"_s);
        node.manager.addStaticPeer(&node.transport, StaticAddress);
        FakeLink *link = outgoing ? node.transport.answerDial(StaticAddress, &remote)
                                  : node.transport.acceptIncoming(u"a"_s, &remote);
        if (boundAtMs >= 0) {
            clock.advance(boundAtMs);
            node.manager.bindRemotePeer(link, HighPeer);
        }
        clock.advance(9'999 - std::max<qint64>(boundAtMs, 0));
        QVERIFY(link->isOpen()); // nothing happens before the deadline

        clock.advance(60'000);

        QCOMPARE(link->isOpen(), staysOpen);
        QCOMPARE(node.manager.linkCount(), staysOpen ? 1 : 0);
        QCOMPARE(node.manager.closedCount(u"no announce"_s), staysOpen ? 0u : 1u);
        if (!staysOpen)
            QCOMPARE(remote.closeReason(), u"remote closed: no announce"_s);
    }

    void fullNodeEvictsTheLeastUsefulLink_data()
    {
        QTest::addColumn<QList<LinkPlan>>("open");
        QTest::addColumn<qint64>("newcomerAtMs");
        QTest::addColumn<int>("evicted");   // index into open; -1: the newcomer is refused
        const LinkPlan active{0, 100, -1};  // bound, then an announce every 20 s
        const LinkPlan silent{0, -1, -1};   // connected, never said anything
        const LinkPlan talking{0, -1, 500}; // frames, but no announce of its own
        QTest::newRow("unbound and silent goes first")
            << QList<LinkPlan>{talking, silent, active} << qint64(5'000) << 1;
        QTest::newRow("then unbound with traffic")
            << QList<LinkPlan>{talking, active, active} << qint64(5'000) << 0;
        QTest::newRow("oldest unbound first")
            << QList<LinkPlan>{active, {1'000, -1, -1}, silent} << qint64(5'000) << 2;
        QTest::newRow("unbound within its grace is kept")
            << QList<LinkPlan>{active, {4'000, -1, -1}, {4'500, -1, -1}} << qint64(5'000) << -1;
        QTest::newRow("bound links with traffic are never evicted")
            << QList<LinkPlan>{active, active, active} << qint64(5'000) << -1;
        QTest::newRow("a bound link silent for a minute gives way")
            << QList<LinkPlan>{active, {0, 100, 1'000}, active} << qint64(70'000) << 1;
        QTest::newRow("the longest silent bound link first")
            << QList<LinkPlan>{{0, 100, 5'000}, {0, 100, 1'000}, active} << qint64(70'000) << 1;
        QTest::newRow("unbound before idle bound")
            << QList<LinkPlan>{{0, 100, 1'000}, {60'000, -1, -1}, active} << qint64(70'000) << 1;
    }

    void fullNodeEvictsTheLeastUsefulLink()
    {
        QFETCH(QList<LinkPlan>, open);
        QFETCH(qint64, newcomerAtMs);
        QFETCH(int, evicted);
        VirtualClock clock;
        LinkManager::Config config;
        config.linkLimit = int(open.size());
        config.announceDeadlineMs = 0; // this test is about the choice alone
        Node node(clock, LowPeer, config);
        QList<FakeLink *> remotes;
        QList<QPointer<FakeLink>> links;
        for (qsizetype i = 0; i < open.size(); ++i) {
            remotes.append(new FakeLink(true, u"ws://us"_s, this));
            links.append(nullptr);
        }
        // Opens first, then binds, then frames: calls due at the same time run in this order.
        for (qsizetype i = 0; i < open.size(); ++i) {
            clock.callAfter(open[i].openAtMs, this, [&, i] {
                links[i] = node.transport.acceptIncoming(u"link%1"_s.arg(i), remotes[i]);
            });
        }
        for (qsizetype i = 0; i < open.size(); ++i) {
            if (open[i].boundAtMs >= 0) {
                clock.callAfter(open[i].boundAtMs, this, [&, i] {
                    node.manager.bindRemotePeer(links[i], neighbour(int(i)));
                });
            }
        }
        for (qsizetype i = 0; i < open.size(); ++i) {
            QList<qint64> frameTimes;
            if (open[i].lastFrameAtMs >= 0) {
                frameTimes.append(open[i].lastFrameAtMs);
            } else if (open[i].boundAtMs >= 0) { // active: announces every 20 s, as bitchat does
                for (qint64 at = open[i].boundAtMs + 20'000; at < newcomerAtMs; at += 20'000)
                    frameTimes.append(at);
            }
            for (const qint64 at : std::as_const(frameTimes))
                clock.callAfter(at, this, [&, i] { remotes[i]->send("frame"); });
        }
        clock.advance(newcomerAtMs);
        QCOMPARE(node.manager.linkCount(), open.size());

        FakeLink newcomerRemote(true, u"ws://us"_s);
        FakeLink *newcomer = node.transport.acceptIncoming(u"newcomer"_s, &newcomerRemote);

        QCOMPARE(node.manager.linkCount(), open.size());
        if (evicted < 0) {
            QCOMPARE(newcomerRemote.closeReason(), u"remote closed: link limit"_s);
            QCOMPARE(node.manager.closedCount(u"evicted"_s), 0u);
            for (const QPointer<FakeLink> &link : std::as_const(links))
                QVERIFY(link && link->isOpen());
            return;
        }
        QVERIFY(newcomer->isOpen());
        QVERIFY(node.manager.links().contains(newcomer));
        QCOMPARE(remotes[evicted]->closeReason(), u"remote closed: evicted"_s);
        QCOMPARE(node.manager.closedCount(u"evicted"_s), 1u);
        for (qsizetype i = 0; i < links.size(); ++i) {
            if (i != evicted)
                QVERIFY2(links[i] && links[i]->isOpen(), qPrintable(QString::number(i)));
        }
    }

    void reconnectingStrangerNeverPushesOutANeighbour()
    {
        VirtualClock clock;
        Node node(clock, LowPeer, 2);
        FakeLink honestRemote(true, u"ws://us"_s);
        FakeLink *honest = node.transport.acceptIncoming(u"honest"_s, &honestRemote);
        node.manager.bindRemotePeer(honest, HighPeer);

        // The stranger reconnects every 250 ms for two minutes and never announces; the
        // neighbour announces every 20 s, as a bitchat node does.
        int strangerGotIn = 0;
        for (int i = 0; i < 480; ++i) {
            clock.advance(250);
            if (clock.monotonicMs() % 20'000 == 0)
                honestRemote.send("announce");
            auto *end = new FakeLink(true, u"ws://us"_s, this);
            node.transport.acceptIncoming(u"stranger%1"_s.arg(i), end);
            strangerGotIn += end->isOpen() ? 1 : 0;
            QVERIFY(honest->isOpen());
        }
        QCOMPARE(node.manager.links().constFirst(), honest);
        QVERIFY(strangerGotIn > 0); // a newcomer may replace a stale unbound link

        // A second honest node gets the stranger's slot and keeps it once it announced.
        clock.advance(3'000);
        FakeLink secondRemote(true, u"ws://us"_s);
        FakeLink *second = node.transport.acceptIncoming(u"second"_s, &secondRemote);
        QVERIFY(second->isOpen());
        node.manager.bindRemotePeer(second, neighbour(1));
        for (int i = 0; i < 40; ++i) {
            clock.advance(250);
            FakeLink end(true, u"ws://us"_s);
            node.transport.acceptIncoming(u"stranger"_s, &end);
            QCOMPARE(end.closeReason(), u"remote closed: link limit"_s);
        }
        QCOMPARE(node.manager.links(), (QList<Link *>{honest, second}));
    }

    void sendToSaysWhatTheLinkDid_data()
    {
        QTest::addColumn<SendResult>("linkAnswers");
        QTest::addColumn<SendPriority>("priority");
        QTest::addColumn<quint64>("queueFullOwn");
        QTest::addColumn<quint64>("queueFullRelay");
        QTest::newRow("own, accepted") << SendResult::Accepted << SendPriority::Own << 0ull << 0ull;
        QTest::newRow("relay, queue full")
            << SendResult::QueueFull << SendPriority::Relay << 0ull << 1ull;
        QTest::newRow("own, queue full")
            << SendResult::QueueFull << SendPriority::Own << 1ull << 0ull;
    }

    void sendToSaysWhatTheLinkDid()
    {
        QFETCH(SendResult, linkAnswers);
        QFETCH(SendPriority, priority);
        QFETCH(quint64, queueFullOwn);
        QFETCH(quint64, queueFullRelay);
        VirtualClock clock;
        Node node(clock, LowPeer);
        FakeLink *link = node.transport.acceptIncoming(u"a"_s);
        link->setSendResult(linkAnswers);

        QCOMPARE(node.manager.sendTo(link, "frame", priority), linkAnswers);
        QCOMPARE(node.manager.queueFullCount(SendPriority::Own), queueFullOwn);
        QCOMPARE(node.manager.queueFullCount(SendPriority::Relay), queueFullRelay);
        if (linkAnswers == SendResult::Accepted)
            QCOMPARE(link->sentPriorities(), QList<SendPriority>{priority});

        FakeLink stranger(false, u"b"_s); // not one of the manager's links
        QCOMPARE(node.manager.sendTo(&stranger, "frame", priority), SendResult::Closed);
        QVERIFY(stranger.sentFrames().isEmpty());
        link->drop(u"gone"_s);
        QCOMPARE(node.manager.sendTo(link, "frame", priority), SendResult::Closed);
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
        node.manager.bindRemotePeer(link, LowPeer); // its announce: the link is useful
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
