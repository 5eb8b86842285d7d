// SPDX-License-Identifier: GPL-3.0-or-later
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <limits>

#include "ReconnectBackoff.h"

class ReconnectBackoffTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void delaysDoubleUpToTheCap()
    {
        QRandomGenerator random(1);
        ReconnectBackoff backoff({.initialMs = 1'000, .maxMs = 60'000, .jitter = 0.0}, &random);
        const QList<qint64> expected{1'000, 2'000, 4'000, 8'000, 16'000, 32'000, 60'000, 60'000};
        QList<qint64> delays;
        for (qsizetype i = 0; i < expected.size(); ++i)
            delays.append(backoff.nextDelayMs());
        QCOMPARE(delays, expected);
    }

    void jitterSpreadsDelaysWithinBounds()
    {
        QRandomGenerator random(7);
        qint64 lowest = std::numeric_limits<qint64>::max();
        qint64 highest = 0;
        for (int i = 0; i < 1'000; ++i) {
            ReconnectBackoff backoff({.initialMs = 10'000, .jitter = 0.2}, &random);
            const qint64 delay = backoff.nextDelayMs();
            lowest = std::min(lowest, delay);
            highest = std::max(highest, delay);
        }
        QVERIFY2(lowest >= 8'000 && highest <= 12'000, "jitter beyond ±20%");
        QVERIFY2(lowest < 8'500 && highest > 11'500, "jitter does not use its range");
    }

    void resetStartsOver()
    {
        QRandomGenerator random(1);
        ReconnectBackoff backoff({.initialMs = 1'000, .jitter = 0.0}, &random);
        backoff.nextDelayMs();
        backoff.nextDelayMs();
        QCOMPARE(backoff.currentBaseMs(), 4'000);
        backoff.reset();
        QCOMPARE(backoff.nextDelayMs(), 1'000);
    }
};

QTEST_GUILESS_MAIN(ReconnectBackoffTest)
#include "ReconnectBackoffTest.moc"
