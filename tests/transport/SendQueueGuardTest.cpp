// SPDX-License-Identifier: GPL-3.0-or-later
// The send queue bound in virtual time: which frames a queue takes at each level and priority,
// and when a queue that stopped draining counts as stuck.
#include <QSignalSpy>
#include <QTest>

#include "SendQueueGuard.h"
#include "VirtualClock.h"

Q_DECLARE_METATYPE(SendPriority)

namespace {
SendQueueGuard::Policy smallPolicy()
{
    SendQueueGuard::Policy policy;
    policy.relayBytes = 1'000;
    policy.relayFrames = 10;
    policy.maxBytes = 2'000;
    policy.maxFrames = 20;
    policy.stuckAfterMs = 5'000;
    return policy;
}

/** A guard over a queue level the test sets by hand. */
struct Rig
{
    Rig()
        : guard(
              clock, smallPolicy(), [this] { return level; }, 7)
        , stuck(&guard, &SendQueueGuard::stuck)
    {}

    VirtualClock clock;
    SendQueueGuard::Level level;
    SendQueueGuard guard;
    QSignalSpy stuck;
};
} // namespace

class SendQueueGuardTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void admitsByLevelAndPriority_data()
    {
        QTest::addColumn<qint64>("queuedBytes");
        QTest::addColumn<int>("queuedFrames");
        QTest::addColumn<qint64>("frameBytes");
        QTest::addColumn<SendPriority>("priority");
        QTest::addColumn<bool>("admitted");
        QTest::newRow("empty queue takes a frame over every bound")
            << qint64(0) << 0 << qint64(5'000) << SendPriority::Relay << true;
        QTest::newRow("relay under the relay bound")
            << qint64(500) << 5 << qint64(400) << SendPriority::Relay << true;
        QTest::newRow("relay up to the relay bound exactly")
            << qint64(500) << 5 << qint64(500) << SendPriority::Relay << true;
        QTest::newRow("relay that would cross the relay bound")
            << qint64(800) << 5 << qint64(300) << SendPriority::Relay << false;
        QTest::newRow("own frame crossing the relay bound")
            << qint64(800) << 5 << qint64(300) << SendPriority::Own << true;
        QTest::newRow("relay at the relay frame count")
            << qint64(100) << 10 << qint64(10) << SendPriority::Relay << false;
        QTest::newRow("own frame at the relay frame count")
            << qint64(100) << 10 << qint64(10) << SendPriority::Own << true;
        QTest::newRow("own frame that would cross the hard cap")
            << qint64(1'900) << 15 << qint64(200) << SendPriority::Own << false;
        QTest::newRow("own frame at the hard frame cap")
            << qint64(100) << 20 << qint64(10) << SendPriority::Own << false;
    }

    void admitsByLevelAndPriority()
    {
        QFETCH(qint64, queuedBytes);
        QFETCH(int, queuedFrames);
        QFETCH(qint64, frameBytes);
        QFETCH(SendPriority, priority);
        QFETCH(bool, admitted);
        Rig rig;
        rig.level = {queuedBytes, queuedFrames};

        QCOMPARE(rig.guard.admits(frameBytes, priority), admitted);

        QCOMPARE(rig.guard.refusedCount(priority), admitted ? 0u : 1u);
        const SendPriority other =
            priority == SendPriority::Own ? SendPriority::Relay : SendPriority::Own;
        QCOMPARE(rig.guard.refusedCount(other), 0u);
        if (admitted)
            QCOMPARE(rig.guard.peakBytes(), queuedBytes + frameBytes);
    }

    void queueThatNeverDrainsIsStuck()
    {
        Rig rig;
        rig.level = {1'000, 10};
        QVERIFY(!rig.guard.admits(100, SendPriority::Relay));
        rig.clock.advance(4'999);
        QCOMPARE(rig.stuck.size(), 0);
        rig.clock.advance(1);
        QCOMPARE(rig.stuck.size(), 1);
        rig.clock.advance(60'000);
        QCOMPARE(rig.stuck.size(), 1); // said once; the link closes on it
    }

    void queueThatDrainsIsNeverStuck()
    {
        Rig rig;
        rig.level = {1'000, 10};
        QVERIFY(!rig.guard.admits(100, SendPriority::Relay));
        rig.clock.advance(3'000);
        rig.guard.progressed(); // a slow reader: some of it left
        rig.level = {600, 6};
        rig.clock.advance(60'000);
        QCOMPARE(rig.stuck.size(), 0);
    }

    void queueThatDrainsButKeepsRefusingIsWatchedAgain()
    {
        Rig rig;
        rig.level = {1'000, 10};
        QVERIFY(!rig.guard.admits(100, SendPriority::Relay));
        rig.clock.advance(3'000);
        rig.guard.progressed();
        QVERIFY(!rig.guard.admits(100, SendPriority::Relay)); // refilled at once
        rig.clock.advance(2'000);
        QCOMPARE(rig.stuck.size(), 0); // it moved: another window starts
        rig.clock.advance(5'000);
        QCOMPARE(rig.stuck.size(), 1); // and in that one nothing left
    }

    void emptiedQueueIsNotStuck()
    {
        Rig rig;
        rig.level = {1'000, 10};
        QVERIFY(!rig.guard.admits(100, SendPriority::Relay));
        rig.level = {};
        rig.clock.advance(10'000);
        QCOMPARE(rig.stuck.size(), 0);
    }

    void stoppedGuardRefusesAndNeverFires()
    {
        Rig rig;
        rig.level = {1'000, 10};
        QVERIFY(!rig.guard.admits(100, SendPriority::Relay));
        rig.guard.stop();
        rig.level = {};
        QVERIFY(!rig.guard.admits(1, SendPriority::Own));
        rig.clock.advance(10'000);
        QCOMPARE(rig.stuck.size(), 0);
    }

    void frameQueuePolicyKeepsAQuarterForOwnFrames()
    {
        const SendQueueGuard::Policy policy = SendQueueGuard::Policy::forFrameQueue(64, 512);
        QCOMPARE(policy.maxFrames, 64);
        QCOMPARE(policy.relayFrames, 48);
        QCOMPARE(policy.maxBytes, 64 * 512);
        QCOMPARE(policy.relayBytes, 48 * 512);
    }
};

QTEST_GUILESS_MAIN(SendQueueGuardTest)
#include "SendQueueGuardTest.moc"
