// SPDX-License-Identifier: GPL-3.0-or-later
#include <QTest>

#include "FragmentReassembler.h"
#include "RejectionCounters.h"

/**
 * The resource guards of FragmentReassembler (spec 02 §3.2 leaves them to the implementation):
 * the concurrent-stream cap evicts the least recently advanced stream, the byte budget, the 30 s
 * stall expiry driven by the nowMs argument, duplicates, and fragments that disagree with their
 * stream. Every refusal is counted once in RejectionCounters.
 */
class FragmentReassemblerTest : public QObject
{
    Q_OBJECT

private slots:
    void evictsLeastRecentlyAdvancedStreamAtCap();
    void dropsStreamsToStayWithinByteBudget();
    void refusesFragmentLargerThanWholeBudget();
    void expiresStreamStalledFor30Seconds_data();
    void expiresStreamStalledFor30Seconds();
    void ignoresDuplicateFragments();
    void refusesFragmentDisagreeingWithItsStream_data();
    void refusesFragmentDisagreeingWithItsStream();
    void refusesIndexOutsideTotal_data();
    void refusesIndexOutsideTotal();
};

namespace {
PeerId peer(quint8 fill)
{
    return *PeerId::fromBytes(QByteArray(PeerId::Size, char(fill)));
}

FragmentPayload piece(char stream, quint16 index, quint16 total, qsizetype size = 10)
{
    return {QByteArray(8, stream), index, total, 0x02, QByteArray(size, stream)};
}

using AddResult = CodecResult<std::optional<FragmentReassembler::Reassembled>>;

bool pending(const AddResult &result)
{
    return result.ok() && !result->has_value();
}

bool completed(const AddResult &result)
{
    return result.ok() && result->has_value();
}
} // namespace

void FragmentReassemblerTest::evictsLeastRecentlyAdvancedStreamAtCap()
{
    RejectionCounters counters;
    FragmentReassembler::Limits limits;
    limits.maxStreams = 3;
    FragmentReassembler reassembler(limits, &counters);
    QVERIFY(pending(reassembler.add(peer(1), piece('a', 0, 2), 0)));
    QVERIFY(pending(reassembler.add(peer(1), piece('b', 0, 2), 1)));
    QVERIFY(pending(reassembler.add(peer(1), piece('c', 0, 3), 2)));
    QVERIFY(pending(reassembler.add(peer(1), piece('c', 1, 3), 3))); // c advanced after a, b
    QVERIFY(pending(reassembler.add(peer(1), piece('d', 0, 2), 4))); // a is the least recent
    QCOMPARE(reassembler.streamCount(), 3);
    QCOMPARE(counters.count(CodecError::FragmentStreamLimit), quint64(1));

    // a lost its first piece: its second one starts a new stream (evicting b, now least recent).
    QVERIFY(pending(reassembler.add(peer(1), piece('a', 1, 2), 5)));
    QCOMPARE(counters.count(CodecError::FragmentStreamLimit), quint64(2));
    // c and d kept theirs.
    QVERIFY(completed(reassembler.add(peer(1), piece('c', 2, 3), 6)));
    QVERIFY(completed(reassembler.add(peer(1), piece('d', 1, 2), 7)));
    QCOMPARE(reassembler.streamCount(), 1);
    QCOMPARE(counters.total(), quint64(2));
}

void FragmentReassemblerTest::dropsStreamsToStayWithinByteBudget()
{
    RejectionCounters counters;
    FragmentReassembler::Limits limits;
    limits.maxBufferedBytes = 100;
    FragmentReassembler reassembler(limits, &counters);
    QVERIFY(pending(reassembler.add(peer(1), piece('a', 0, 3, 40), 0)));
    QVERIFY(pending(reassembler.add(peer(1), piece('a', 1, 3, 40), 1)));
    QCOMPARE(reassembler.bufferedBytes(), 80);
    // 80 + 30 > 100: the other stream (a) goes, b stays.
    QVERIFY(pending(reassembler.add(peer(2), piece('b', 0, 2, 30), 2)));
    QCOMPARE(reassembler.bufferedBytes(), 30);
    QCOMPARE(reassembler.streamCount(), 1);
    QCOMPARE(counters.count(CodecError::FragmentBudget), quint64(1));
    QVERIFY(pending(reassembler.add(peer(1), piece('a', 2, 3, 40), 3))); // a starts over

    // A stream that alone outgrows the budget is dropped itself once nothing else is left.
    FragmentReassembler lone(limits, &counters);
    QVERIFY(pending(lone.add(peer(3), piece('c', 0, 3, 60), 0)));
    const auto over = lone.add(peer(3), piece('c', 1, 3, 60), 1);
    QVERIFY(!over.ok());
    QCOMPARE(over.error(), CodecError::FragmentBudget);
    QCOMPARE(lone.streamCount(), 0);
    QCOMPARE(lone.bufferedBytes(), 0);
    QCOMPARE(counters.count(CodecError::FragmentBudget), quint64(2));
}

void FragmentReassemblerTest::refusesFragmentLargerThanWholeBudget()
{
    RejectionCounters counters;
    FragmentReassembler::Limits limits;
    limits.maxBufferedBytes = 100;
    FragmentReassembler reassembler(limits, &counters);
    QVERIFY(pending(reassembler.add(peer(1), piece('a', 0, 2, 50), 0)));
    const auto result = reassembler.add(peer(2), piece('b', 0, 2, 101), 1);
    QVERIFY(!result.ok());
    QCOMPARE(result.error(), CodecError::FragmentBudget);
    QCOMPARE(reassembler.streamCount(), 1); // the other stream was not sacrificed for it
    QCOMPARE(reassembler.bufferedBytes(), 50);
    QCOMPARE(counters.total(), quint64(1));
}

void FragmentReassemblerTest::expiresStreamStalledFor30Seconds_data()
{
    QTest::addColumn<qint64>("lastArrival");
    QTest::addColumn<qint64>("completingArrival");
    QTest::addColumn<bool>("completes");
    QTest::newRow("second piece after 29.999 s completes") << qint64(0) << qint64(29999) << true;
    QTest::newRow("second piece after 30.001 s finds the stream gone")
        << qint64(0) << qint64(30001) << false;
    QTest::newRow("progress at 20 s restarts the clock: 45 s completes")
        << qint64(20000) << qint64(45000) << true;
    QTest::newRow("progress at 20 s, then 50.001 s finds it gone")
        << qint64(20000) << qint64(50001) << false;
}

void FragmentReassemblerTest::expiresStreamStalledFor30Seconds()
{
    QFETCH(qint64, lastArrival);
    QFETCH(qint64, completingArrival);
    QFETCH(bool, completes);
    RejectionCounters counters;
    FragmentReassembler reassembler(&counters);
    QCOMPARE(reassembler.limits().stallTimeoutMs, 30000);
    QVERIFY(pending(reassembler.add(peer(1), piece('a', 0, 3), 0)));
    QVERIFY(pending(reassembler.add(peer(1), piece('a', 1, 3), lastArrival)));
    QCOMPARE(reassembler.expireStalled(lastArrival + 29999), 0);
    const auto result = reassembler.add(peer(1), piece('a', 2, 3), completingArrival);
    QCOMPARE(completed(result), completes);
    QCOMPARE(counters.count(CodecError::FragmentStalled), quint64(completes ? 0 : 1));
    if (!completes) {
        QCOMPARE(reassembler.bufferedBytes(), 10); // only the newly arrived piece
        QCOMPARE(reassembler.expireStalled(completingArrival + 30000), 1);
        QCOMPARE(reassembler.streamCount(), 0);
        QCOMPARE(counters.count(CodecError::FragmentStalled), quint64(2));
    }
}

void FragmentReassemblerTest::ignoresDuplicateFragments()
{
    RejectionCounters counters;
    FragmentReassembler reassembler(&counters);
    QVERIFY(pending(reassembler.add(peer(1), piece('a', 0, 2), 0)));
    QVERIFY(pending(reassembler.add(peer(1), piece('a', 0, 2), 1)));
    QVERIFY(pending(reassembler.add(peer(1), piece('a', 0, 2), 2)));
    QCOMPARE(reassembler.bufferedBytes(), 10);
    const auto done = reassembler.add(peer(1), piece('a', 1, 2), 3);
    QVERIFY(completed(done));
    QCOMPARE((*done)->frame, QByteArray(20, 'a'));
    QCOMPARE(counters.total(), quint64(0));
}

void FragmentReassemblerTest::refusesFragmentDisagreeingWithItsStream_data()
{
    QTest::addColumn<int>("total");
    QTest::addColumn<int>("originalType");
    QTest::newRow("total 4 in a stream of 3") << 4 << 0x02;
    QTest::newRow("total 2 in a stream of 3") << 2 << 0x02;
    QTest::newRow("originalType 0x11 in a message stream") << 3 << 0x11;
}

void FragmentReassemblerTest::refusesFragmentDisagreeingWithItsStream()
{
    QFETCH(int, total);
    QFETCH(int, originalType);
    RejectionCounters counters;
    FragmentReassembler reassembler(&counters);
    QVERIFY(pending(reassembler.add(peer(1), piece('a', 0, 3), 0)));
    FragmentPayload odd = piece('a', 1, quint16(total));
    odd.originalType = quint8(originalType);
    const auto result = reassembler.add(peer(1), odd, 1);
    QVERIFY(!result.ok());
    QCOMPARE(result.error(), CodecError::FragmentMismatch);
    QCOMPARE(counters.count(CodecError::FragmentMismatch), quint64(1));
    // The stream itself is intact and completes with consistent pieces.
    QVERIFY(pending(reassembler.add(peer(1), piece('a', 1, 3), 2)));
    QVERIFY(completed(reassembler.add(peer(1), piece('a', 2, 3), 3)));
}

void FragmentReassemblerTest::refusesIndexOutsideTotal_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<int>("total");
    QTest::newRow("index equal to total") << 3 << 3;
    QTest::newRow("index beyond total") << 9 << 3;
    QTest::newRow("total zero") << 0 << 0;
    QTest::newRow("total 10,001") << 0 << 10001;
    QTest::newRow("total 65,535") << 0 << 65535;
}

void FragmentReassemblerTest::refusesIndexOutsideTotal()
{
    QFETCH(int, index);
    QFETCH(int, total);
    RejectionCounters counters;
    FragmentReassembler reassembler(&counters);
    const auto result = reassembler.add(peer(1), piece('a', quint16(index), quint16(total)), 0);
    QVERIFY(!result.ok());
    QCOMPARE(result.error(), CodecError::FragmentOverCap);
    QCOMPARE(counters.total(), quint64(1));
    QCOMPARE(reassembler.streamCount(), 0);
}

QTEST_GUILESS_MAIN(FragmentReassemblerTest)
#include "FragmentReassemblerTest.moc"
