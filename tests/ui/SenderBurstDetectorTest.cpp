// SPDX-License-Identifier: GPL-3.0-or-later
// SenderBurstDetector: more than 20 messages from one sender within 10 s of received time are
// over the limit; other senders and a calmer rate are not; memory is bounded by maxSenders.
#include <QTest>

#include "SenderBurstDetector.h"

namespace {
PeerId peer(int n)
{
    QByteArray bytes(PeerId::Size, '\x01');
    bytes[0] = char(n & 0xFF);
    bytes[1] = char((n >> 8) & 0xFF);
    return PeerId::fromBytes(bytes).value();
}
} // namespace

class SenderBurstDetectorTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void overTheLimit_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<qint64>("intervalMs");
        QTest::addColumn<int>("firstOver"); // 1-based, 0 = none
        QTest::newRow("20 at once are fine, the 21st is over") << 30 << qint64(0) << 21;
        QTest::newRow("21 within 10 s") << 21 << qint64(499) << 21;
        QTest::newRow("2 per second forever") << 200 << qint64(500) << 0;
        QTest::newRow("just under: 21 spread over 10 s") << 60 << qint64(501) << 0;
    }
    void overTheLimit()
    {
        QFETCH(int, count);
        QFETCH(qint64, intervalMs);
        QFETCH(int, firstOver);
        SenderBurstDetector bursts;
        int over = 0;
        for (int i = 1; i <= count; ++i) {
            if (bursts.record(peer(1), 1'000'000 + i * intervalMs) && over == 0)
                over = i;
        }
        QCOMPARE(over, firstOver);
    }

    void eachSenderHasItsOwnBudget()
    {
        SenderBurstDetector bursts;
        for (int i = 0; i < 20; ++i) {
            QVERIFY(!bursts.record(peer(1), 0));
            QVERIFY(!bursts.record(peer(2), 0));
        }
        QVERIFY(bursts.record(peer(1), 0));
        QVERIFY(!bursts.record(peer(3), 0));
    }

    void aQuietWindowEndsTheBurst()
    {
        SenderBurstDetector bursts;
        for (int i = 0; i < 100; ++i)
            bursts.record(peer(1), 0);
        QVERIFY(bursts.record(peer(1), 9'999));
        QVERIFY(!bursts.record(peer(1), 20'000)); // 10 s after the last 20
    }

    void trackedSendersAreBounded()
    {
        SenderBurstDetector bursts(20, 10'000, 64);
        for (int i = 0; i < 10'000; ++i)
            bursts.record(peer(i), i);
        QVERIFY(bursts.trackedSenders() <= 64);
        // A flooder is still caught after the table turned over.
        for (int i = 0; i < 20; ++i)
            QVERIFY(!bursts.record(peer(1), 20'000));
        QVERIFY(bursts.record(peer(1), 20'000));
    }
};

QTEST_GUILESS_MAIN(SenderBurstDetectorTest)
#include "SenderBurstDetectorTest.moc"
