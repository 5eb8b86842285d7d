// SPDX-License-Identifier: GPL-3.0-or-later
#include <QTest>

#include "FragmentPayload.h"
#include "FragmentReassembler.h"
#include "Fragmenter.h"
#include "PacketCodec.h"
#include "RejectionCounters.h"
#include "TestVectors.h"

/**
 * One test per fragmentation item of the spec's BLE transport checklist (07 §2): split over the
 * MTU, the 13-byte header, the 10,000 / 256 caps, reassembly by (sender, fragmentID) in index
 * order, and route-carrying fragments with the 64-byte chunk floor. The resource guards of the
 * reassembler are in FragmentReassemblerTest.
 */
class FragmentConformanceTest : public QObject
{
    Q_OBJECT

private slots:
    void packetOverMtuIsSplitIntoFragments_data();
    void packetOverMtuIsSplitIntoFragments();
    void fragmentHeaderIs13ByteFixedPrefix_data();
    void fragmentHeaderIs13ByteFixedPrefix();
    void totalOver10000RejectedDirectedFileOver256NotSplit_data();
    void totalOver10000RejectedDirectedFileOver256NotSplit();
    void reassemblyKeyedBySenderAndFragmentIdInIndexOrder_data();
    void reassemblyKeyedBySenderAndFragmentIdInIndexOrder();
    void routedFragmentsCarryRouteWithChunkFloor64_data();
    void routedFragmentsCarryRouteWithChunkFloor64();
};

namespace {
PeerId id(quint8 fill)
{
    return *PeerId::fromBytes(QByteArray(PeerId::Size, char(fill)));
}

Packet message(quint8 version, qsizetype payloadSize)
{
    Packet packet;
    packet.version = version;
    packet.type = quint8(MessageType::Message);
    packet.timestamp = 1700000000000;
    packet.senderId = id(0x01);
    for (qsizetype i = 0; i < payloadSize; ++i)
        packet.payload.append(char('a' + i % 26));
    return packet;
}

const QByteArray FragmentId = QByteArray::fromHex("f00dfeedcafebabe");
} // namespace

void FragmentConformanceTest::packetOverMtuIsSplitIntoFragments_data()
{
    QTest::addColumn<int>("payloadSize");
    QTest::addColumn<int>("mtu");
    QTest::addColumn<int>("expectedFragments");
    QTest::newRow("frame of exactly the MTU is not split") << 490 << 512 << 0;
    QTest::newRow("one byte over the MTU: two fragments") << 491 << 512 << 2;
    QTest::newRow("1,200-byte payload over 512: three of 469") << 1200 << 512 << 3;
    QTest::newRow("small MTU 185: chunks of 150") << 600 << 185 << 5;
}

void FragmentConformanceTest::packetOverMtuIsSplitIntoFragments()
{
    QFETCH(int, payloadSize);
    QFETCH(int, mtu);
    QFETCH(int, expectedFragments);
    const Packet original = message(1, payloadSize);
    const QByteArray frame = *PacketCodec::encode(original);
    QCOMPARE(Fragmenter::needsFragmentation(frame.size(), mtu), expectedFragments > 0);
    if (expectedFragments == 0)
        return;
    // Overhead of a v1 broadcast fragment: header 14 + sender 8 + fragment header 13 = 35.
    const qsizetype chunk = Fragmenter::chunkSizeFor(original, mtu);
    QCOMPARE(chunk, std::min<qsizetype>(mtu - 35, Fragmenter::DefaultChunkSize));
    const auto fragments = Fragmenter::split(original, frame, chunk, FragmentId);
    QVERIFY(fragments.ok());
    QCOMPARE(fragments->size(), expectedFragments);

    FragmentReassembler reassembler;
    std::optional<FragmentReassembler::Reassembled> done;
    for (int i = 0; i < fragments->size(); ++i) {
        const Packet &fragment = fragments->at(i);
        QCOMPARE(fragment.type, quint8(MessageType::Fragment));
        QCOMPARE(fragment.senderId, original.senderId);
        QVERIFY(!fragment.signature);
        const QByteArray wire = *PacketCodec::encodeForWire(fragment);
        QVERIFY(wire.size() <= mtu);
        const auto received = PacketCodec().decode(wire);
        QVERIFY(received.ok());
        const auto piece = FragmentPayload::decode(received->payload);
        QVERIFY(piece.ok());
        QCOMPARE(piece->fragmentId, FragmentId);
        QCOMPARE(int(piece->index), i);
        QCOMPARE(int(piece->total), expectedFragments);
        QCOMPARE(piece->originalType, original.type);
        QCOMPARE(piece->data, frame.mid(i * chunk, chunk));
        auto added = reassembler.add(received->senderId, *piece, 0);
        QVERIFY(added.ok());
        QCOMPARE(added->has_value(), i == fragments->size() - 1);
        if (added->has_value())
            done = **added;
    }
    QVERIFY(done);
    QCOMPARE(done->frame, frame);
    QCOMPARE(*PacketCodec().decode(done->frame), original);
}

void FragmentConformanceTest::fragmentHeaderIs13ByteFixedPrefix_data()
{
    QTest::addColumn<QJsonObject>("vector");
    for (const QJsonValue &vector : TestVectors::load(QStringLiteral("payloads.json"))) {
        if (vector[u"kind"].toString() == u"fragment")
            QTest::newRow(qPrintable(vector[u"name"].toString())) << vector.toObject();
    }
}

void FragmentConformanceTest::fragmentHeaderIs13ByteFixedPrefix()
{
    QFETCH(QJsonObject, vector);
    const QJsonObject fields = vector[u"fields"].toObject();
    FragmentPayload fragment;
    fragment.fragmentId = TestVectors::bytes(fields[u"fragment_id"]);
    fragment.index = quint16(fields[u"index"].toInt());
    fragment.total = quint16(fields[u"total"].toInt());
    fragment.originalType = quint8(fields[u"original_type"].toInt());
    fragment.data = TestVectors::bytes(fields[u"data"]);
    const QByteArray bytes = TestVectors::bytes(vector[u"hex"]);

    QCOMPARE(FragmentPayload::HeaderSize, 13);
    QCOMPARE(bytes.size(), 13 + fragment.data.size());
    QCOMPARE(fragment.encode().toHex(), bytes.toHex());
    QCOMPARE(*FragmentPayload::decode(bytes), fragment);
    for (qsizetype cut = 0; cut < 13; ++cut)
        QCOMPARE(FragmentPayload::decode(bytes.first(cut)).error(), CodecError::Truncated);

    // The same header inside a fragment packet (frames.json "v1-fragment").
    const QJsonObject framed =
        TestVectors::find(QStringLiteral("frames.json"), QStringLiteral("v1-fragment"));
    const auto packet = PacketCodec().decode(TestVectors::bytes(framed[u"hex"]));
    QVERIFY(packet.ok());
    const auto inner = FragmentPayload::decode(packet->payload);
    QVERIFY(inner.ok());
    QCOMPARE(inner->fragmentId, FragmentId);
    QCOMPARE(inner->data, QByteArray("hel"));
}

void FragmentConformanceTest::totalOver10000RejectedDirectedFileOver256NotSplit_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<bool>("directed");
    QTest::addColumn<int>("chunks");
    QTest::addColumn<bool>("splits");
    const int file = int(MessageType::FileTransfer);
    const int text = int(MessageType::Message);
    QTest::newRow("directed fileTransfer into 256") << file << true << 256 << true;
    QTest::newRow("directed fileTransfer into 257 refused") << file << true << 257 << false;
    QTest::newRow("broadcast fileTransfer into 257") << file << false << 257 << true;
    QTest::newRow("directed message into 257") << text << true << 257 << true;
    QTest::newRow("message into 10,000") << text << false << 10000 << true;
    QTest::newRow("message into 10,001 refused") << text << false << 10001 << false;
}

void FragmentConformanceTest::totalOver10000RejectedDirectedFileOver256NotSplit()
{
    QFETCH(int, type);
    QFETCH(bool, directed);
    QFETCH(int, chunks);
    QFETCH(bool, splits);
    Packet original = message(1, 0);
    original.type = quint8(type);
    if (directed)
        original.recipientId = id(0x02);
    const QByteArray frame(chunks * Fragmenter::MinimumChunkSize, 'f');
    const auto fragments =
        Fragmenter::split(original, frame, Fragmenter::MinimumChunkSize, FragmentId);
    QCOMPARE(fragments.ok(), splits);
    if (splits)
        QCOMPARE(fragments->size(), chunks);
    else
        QCOMPARE(fragments.error(), CodecError::FragmentOverCap);

    // The receiving side: a stream declaring more than 10,000 fragments is refused outright.
    RejectionCounters counters;
    FragmentReassembler reassembler(&counters);
    const FragmentPayload piece{FragmentId, 0, quint16(qMin(chunks, 0xFFFF)), quint8(type), "x"};
    const auto added = reassembler.add(id(0x03), piece, 0);
    QCOMPARE(added.ok(), chunks <= 10000);
    if (chunks > 10000) {
        QCOMPARE(added.error(), CodecError::FragmentOverCap);
        QCOMPARE(counters.count(CodecError::FragmentOverCap), quint64(1));
        QCOMPARE(reassembler.streamCount(), 0);
    }
}

void FragmentConformanceTest::reassemblyKeyedBySenderAndFragmentIdInIndexOrder_data()
{
    // Arrivals as <stream><index>: stream A = (sender 1, id X), B = (sender 2, id X),
    // C = (sender 1, id Y). Each stream has three pieces and completes on its last arrival.
    QTest::addColumn<QString>("arrivals");
    QTest::newRow("in order") << QStringLiteral("A0 A1 A2");
    QTest::newRow("reversed") << QStringLiteral("A2 A1 A0");
    QTest::newRow("middle first") << QStringLiteral("A1 A2 A0");
    QTest::newRow("two senders, same fragmentID, interleaved")
        << QStringLiteral("A0 B2 B0 A2 B1 A1");
    QTest::newRow("one sender, two fragmentIDs, interleaved")
        << QStringLiteral("C1 A0 A1 C0 A2 C2");
    QTest::newRow("all three streams shuffled") << QStringLiteral("B1 C2 A1 C0 A2 B0 C1 A0 B2");
}

void FragmentConformanceTest::reassemblyKeyedBySenderAndFragmentIdInIndexOrder()
{
    QFETCH(QString, arrivals);
    struct StreamSpec
    {
        PeerId sender;
        QByteArray fragmentId;
    };
    const QHash<QChar, StreamSpec> streams{
        {u'A', {id(1), FragmentId}},
        {u'B', {id(2), FragmentId}},
        {u'C', {id(1), QByteArray::fromHex("0102030405060708")}}};
    auto pieceData = [](QChar stream, int index) {
        return QStringLiteral("%1-piece%2;").arg(stream).arg(index).toLatin1();
    };
    QHash<QChar, int> seen;
    RejectionCounters counters;
    FragmentReassembler reassembler(&counters);
    qint64 now = 0;
    for (const QString &arrival : arrivals.split(u' ')) {
        const QChar stream = arrival[0];
        const int index = arrival.sliced(1).toInt();
        const FragmentPayload piece{streams[stream].fragmentId, quint16(index), 3,
                                    quint8(stream.unicode()), pieceData(stream, index)};
        const auto added = reassembler.add(streams[stream].sender, piece, now += 10);
        QVERIFY(added.ok());
        const bool last = ++seen[stream] == 3;
        QCOMPARE(added->has_value(), last);
        if (last) {
            const auto &done = **added;
            QCOMPARE(done.sender, streams[stream].sender);
            QCOMPARE(done.originalType, quint8(stream.unicode()));
            QCOMPARE(done.frame,
                     pieceData(stream, 0) + pieceData(stream, 1) + pieceData(stream, 2));
        }
    }
    QCOMPARE(reassembler.streamCount(), 0);
    QCOMPARE(reassembler.bufferedBytes(), 0);
    QCOMPARE(counters.total(), quint64(0));
}

void FragmentConformanceTest::routedFragmentsCarryRouteWithChunkFloor64_data()
{
    QTest::addColumn<int>("hops");
    QTest::addColumn<int>("expectedChunk");
    // MTU 512; overhead = v2 header 16 + sender 8 + recipient 8 + (1 + 8 × hops) + 13.
    QTest::newRow("no route: 512 - 45 = 467") << -1 << 467;
    QTest::newRow("3 hops: 512 - 70 = 442") << 3 << 442;
    QTest::newRow("40 hops: 512 - 366 = 146") << 40 << 146;
    QTest::newRow("50 hops: 512 - 446 = 66") << 50 << 66;
    QTest::newRow("51 hops: floored at 64") << 51 << 64;
    QTest::newRow("60 hops: floored at 64") << 60 << 64;
}

void FragmentConformanceTest::routedFragmentsCarryRouteWithChunkFloor64()
{
    QFETCH(int, hops);
    QFETCH(int, expectedChunk);
    Packet original = message(2, 1500);
    original.recipientId = id(0x0D);
    if (hops >= 0) {
        QList<PeerId> route;
        for (int i = 0; i < hops; ++i)
            route.append(id(quint8(0x80 + i)));
        original.route = route;
    }
    const QByteArray frame = *PacketCodec::encode(original);
    const qsizetype chunk = Fragmenter::chunkSizeFor(original, 512);
    QCOMPARE(chunk, expectedChunk);
    const auto fragments = Fragmenter::split(original, frame, chunk, FragmentId);
    QVERIFY(fragments.ok());
    QCOMPARE(fragments->size(), int((frame.size() + chunk - 1) / chunk));
    for (const Packet &fragment : *fragments) {
        QCOMPARE(fragment.route, original.route);
        QCOMPARE(fragment.recipientId, original.recipientId);
        if (expectedChunk > Fragmenter::MinimumChunkSize)
            QVERIFY(PacketCodec::encode(fragment)->size() <= 512);
    }
    // A chunk size asked below the floor is raised to 64.
    const auto tiny = Fragmenter::split(original, frame, 10, FragmentId);
    QCOMPARE(FragmentPayload::decode(tiny->first().payload)->data.size(), 64);
}

QTEST_GUILESS_MAIN(FragmentConformanceTest)
#include "FragmentConformanceTest.moc"
