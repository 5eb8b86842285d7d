// SPDX-License-Identifier: GPL-3.0-or-later
// The central's memory of devices: one count per device per scan round, backoff, forgetting.
#include <QRandomGenerator>
#include <QTest>

#include "BleDeviceTable.h"

using namespace Qt::StringLiterals;

namespace {
const QString A = u"11:22:33:44:55:66"_s;
const QString B = u"11:22:33:44:55:77"_s;

BleDeviceTable::Policy policy()
{
    BleDeviceTable::Policy p;
    p.maxFailures = 3;
    p.forgetMs = 60'000;
    p.backoff = {1'000, 8'000, 0.0, 30'000};
    return p;
}
} // namespace

class BleDeviceTableTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void eachDeviceCountsOncePerRound()
    {
        QRandomGenerator random(1);
        BleDeviceTable table(policy(), &random);
        table.beginRound();
        QVERIFY(table.recordSighting(A, 0));
        for (int update = 0; update < 20; ++update) // RSSI updates, repeated advertisements
            QVERIFY(!table.recordSighting(A, 10 * update));
        QVERIFY(table.recordSighting(B, 300));
        QCOMPARE(table.endRound().unique, 2);
        QCOMPARE(table.endRound().fresh, 2);

        table.beginRound();
        QVERIFY(table.recordSighting(A, 15'000));
        QVERIFY(!table.recordSighting(A, 15'001));
        QCOMPARE(table.endRound().unique, 1);
        QCOMPARE(table.endRound().fresh, 0);

        table.beginRound();
        QCOMPARE(table.endRound().unique, 0);
    }

    void failedDialsBackOffThenForget()
    {
        QRandomGenerator random(1);
        BleDeviceTable table(policy(), &random);
        QVERIFY(table.mayDial(A, 0));
        QCOMPARE(table.recordDialFailure(A, 0), 1'000);
        QVERIFY(!table.mayDial(A, 999));
        QVERIFY(table.mayDial(A, 1'000));
        QCOMPARE(table.recordDialFailure(A, 1'000), 2'000);
        QCOMPARE(table.waitBeforeDial(A, 1'500), 1'500);
        QCOMPARE(table.recordDialFailure(A, 3'000), -1); // third failure: forgotten
        QVERIFY(table.isForgotten(A, 3'000));
        QVERIFY(!table.mayDial(A, 62'999));
        // Sightings while forgotten do not bring it back early.
        table.beginRound();
        QVERIFY(table.recordSighting(A, 30'000));
        QVERIFY(!table.mayDial(A, 30'000));
        // After forgetMs it starts afresh: full backoff schedule, failure count cleared.
        QVERIFY(table.mayDial(A, 63'000));
        table.beginRound();
        table.recordSighting(A, 63'000);
        QCOMPARE(table.failures(A), 0);
        QCOMPARE(table.recordDialFailure(A, 63'000), 1'000);
        QVERIFY(table.mayDial(B, 3'000)); // others were never affected
    }

    void successClearsFailuresAndLongLinksResetBackoff()
    {
        QRandomGenerator random(1);
        BleDeviceTable table(policy(), &random);
        table.recordDialFailure(A, 0);
        table.recordDialFailure(A, 1'000);
        table.recordLinkOpened(A, 5'000);
        QCOMPARE(table.failures(A), 0);
        // A short-lived link continues the schedule…
        QCOMPARE(table.recordLinkClosed(A, 6'000), 4'000);
        table.recordLinkOpened(A, 10'000);
        // …one that lasted resetAfterMs starts it over.
        QCOMPARE(table.recordLinkClosed(A, 40'000), 1'000);
        QVERIFY(!table.mayDial(A, 40'999));
        QVERIFY(table.mayDial(A, 41'000));
    }

    void devicesUnheardForLongAreDropped()
    {
        QRandomGenerator random(1);
        BleDeviceTable::Policy p = policy();
        p.pruneAfterMs = 10'000;
        BleDeviceTable table(p, &random);
        table.beginRound();
        table.recordSighting(A, 0);
        table.recordSighting(B, 0);
        table.recordLinkOpened(B, 0); // linked: kept however long it is silent
        table.beginRound();
        table.recordSighting(A, 5'000);
        QVERIFY(table.prune(14'999).isEmpty());
        QCOMPARE(table.prune(15'000), QStringList{A});
        QCOMPARE(table.size(), 1);
        // Heard again later, it counts as new.
        table.beginRound();
        table.recordSighting(A, 16'000);
        QCOMPARE(table.endRound().fresh, 1);
    }

    void holdOffKeepsADuplicateAway()
    {
        QRandomGenerator random(1);
        BleDeviceTable table(policy(), &random);
        table.holdOff(A, 300'000);
        QVERIFY(!table.mayDial(A, 299'999));
        QVERIFY(table.mayDial(A, 300'000));
        QVERIFY(!table.isForgotten(A, 0));
    }
};

QTEST_GUILESS_MAIN(BleDeviceTableTest)
#include "BleDeviceTableTest.moc"
