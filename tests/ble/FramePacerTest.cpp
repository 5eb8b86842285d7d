// SPDX-License-Identifier: GPL-3.0-or-later
// FramePacer in virtual time: bursts, windows, holds and the queue bound.
#include <QTest>

#include "FramePacer.h"
#include "VirtualClock.h"

namespace {
struct Sent
{
    qint64 atMs;
    QByteArray frame;
};

QByteArray frame(int n)
{
    return QByteArray::number(n);
}
} // namespace

class FramePacerTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void firstFramesGoAtOnce()
    {
        VirtualClock clock;
        QList<Sent> sent;
        FramePacer pacer(clock, {2, 20, 64}, [&](const QByteArray &f) {
            sent.append({clock.monotonicMs(), f});
        });
        QVERIFY(pacer.enqueue(frame(1)));
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent[0].atMs, 0);
    }

    void burstThenOneWindowPerBurst()
    {
        VirtualClock clock;
        QList<Sent> sent;
        FramePacer pacer(clock, {2, 20, 64}, [&](const QByteArray &f) {
            sent.append({clock.monotonicMs(), f});
        });
        for (int i = 0; i < 7; ++i)
            pacer.enqueue(frame(i));
        QCOMPARE(sent.size(), 2);
        clock.advance(19);
        QCOMPARE(sent.size(), 2);
        clock.advance(1);
        QCOMPARE(sent.size(), 4);
        clock.advance(40);
        QCOMPARE(sent.size(), 7);
        // Never more than the burst within one window, in order.
        for (int i = 0; i < sent.size(); ++i) {
            QCOMPARE(sent[i].frame, frame(i));
            QCOMPARE(sent[i].atMs, qint64(i / 2) * 20);
        }
        QCOMPARE(pacer.queuedCount(), 0);
    }

    void holdQueuesUntilRelease()
    {
        VirtualClock clock;
        QList<QByteArray> sent;
        FramePacer pacer(clock, {2, 20, 64}, [&](const QByteArray &f) { sent.append(f); });
        pacer.hold();
        pacer.enqueue(frame(1));
        pacer.enqueue(frame(2));
        clock.advance(1000);
        QVERIFY(sent.isEmpty());
        pacer.release();
        QCOMPARE(sent, (QList<QByteArray>{frame(1), frame(2)}));
    }

    void holdFromInsideSendWaitsForAnAnswer()
    {
        // A write with response: the next frame waits for release(), however long it takes.
        VirtualClock clock;
        QList<QByteArray> sent;
        FramePacer *self = nullptr;
        FramePacer pacer(clock, {4, 20, 64}, [&](const QByteArray &f) {
            sent.append(f);
            self->hold();
        });
        self = &pacer;
        pacer.enqueue(frame(1));
        pacer.enqueue(frame(2));
        clock.advance(500);
        QCOMPARE(sent.size(), 1);
        pacer.release();
        QCOMPARE(sent.size(), 2);
    }

    void fullQueueDropsTheNewest()
    {
        VirtualClock clock;
        QList<QByteArray> sent;
        FramePacer pacer(clock, {1, 20, 3}, [&](const QByteArray &f) { sent.append(f); });
        pacer.hold();
        QVERIFY(pacer.enqueue(frame(1)));
        QVERIFY(pacer.enqueue(frame(2)));
        QVERIFY(pacer.enqueue(frame(3)));
        QVERIFY(!pacer.enqueue(frame(4)));
        QCOMPARE(pacer.droppedCount(), 1u);
        pacer.release();
        clock.advance(100);
        QCOMPARE(sent, (QList<QByteArray>{frame(1), frame(2), frame(3)}));
    }

    void clearDropsWhatWaits()
    {
        VirtualClock clock;
        QList<QByteArray> sent;
        FramePacer pacer(clock, {1, 20, 64}, [&](const QByteArray &f) { sent.append(f); });
        pacer.enqueue(frame(1));
        pacer.enqueue(QByteArray(100, 'x'));
        pacer.enqueue(QByteArray(50, 'y'));
        QCOMPARE(pacer.queuedBytes(), 150);
        QCOMPARE(pacer.clear(), 2);
        QCOMPARE(pacer.queuedBytes(), 0);
        QCOMPARE(pacer.droppedCount(), 2u); // a frame that never went out is counted
        clock.advance(100);
        QCOMPARE(sent, QList<QByteArray>{frame(1)});
    }
};

QTEST_GUILESS_MAIN(FramePacerTest)
#include "FramePacerTest.moc"
