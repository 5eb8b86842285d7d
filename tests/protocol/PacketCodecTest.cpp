// SPDX-License-Identifier: GPL-3.0-or-later
#include <QTest>

#include "MessagePadding.h"
#include "PacketCodec.h"
#include "RejectionCounters.h"
#include "TestVectors.h"

/**
 * PacketCodec against every frame vector of tests/data/vectors (frames, padding, signing): each
 * decodes to exactly the fields it was built from, and the packet built from those fields encodes
 * to exactly the hand-derived bytes. The conformance items themselves are in WireConformanceTest.
 */
class PacketCodecTest : public QObject
{
    Q_OBJECT

private slots:
    void decodesEveryFrameVector_data();
    void decodesEveryFrameVector();
    void encodesEveryFrameVector_data();
    void encodesEveryFrameVector();
    void encodeIsNaturalLengthWhateverTheType_data();
    void encodeIsNaturalLengthWhateverTheType();
    void transcriptOfEveryFrameVectorMatches_data();
    void transcriptOfEveryFrameVectorMatches();
    void vectorsAreLoaded();

private:
    static void addFrameRows();
};

void PacketCodecTest::addFrameRows()
{
    QTest::addColumn<QJsonObject>("vector");
    for (const QJsonValue &vector : TestVectors::allFrames())
        QTest::newRow(qPrintable(vector[u"name"].toString())) << vector.toObject();
}

void PacketCodecTest::decodesEveryFrameVector_data()
{
    addFrameRows();
}

void PacketCodecTest::decodesEveryFrameVector()
{
    QFETCH(QJsonObject, vector);
    RejectionCounters counters;
    const auto decoded = PacketCodec(&counters).decode(TestVectors::bytes(vector[u"hex"]));
    QVERIFY2(decoded.ok(), TestVectors::outcome(decoded).constData());
    QCOMPARE(*decoded, TestVectors::packet(vector));
    QCOMPARE(counters.total(),
             quint64(0)); // a padded frame's failed first attempt is not a rejection
}

void PacketCodecTest::encodesEveryFrameVector_data()
{
    addFrameRows();
}

void PacketCodecTest::encodesEveryFrameVector()
{
    QFETCH(QJsonObject, vector);
    const auto wire = PacketCodec::encodeForWire(TestVectors::packet(vector));
    QVERIFY(wire.ok());
    QCOMPARE(wire->toHex(), TestVectors::canonicalFrame(vector).toHex());
}

void PacketCodecTest::encodeIsNaturalLengthWhateverTheType_data()
{
    addFrameRows();
}

void PacketCodecTest::encodeIsNaturalLengthWhateverTheType()
{
    QFETCH(QJsonObject, vector);
    const Packet packet = TestVectors::packet(vector);
    const auto natural = PacketCodec::encode(packet);
    QVERIFY(natural.ok());
    // The padded form of the natural frame is the vector's padded_hex, for every type (spec 01 §6).
    QCOMPARE(MessagePadding::pad(*natural).toHex(), vector[u"padded_hex"].toString().toLatin1());
    if (vector.contains(u"natural_size"))
        QCOMPARE(natural->size(), vector[u"natural_size"].toInteger());
}

void PacketCodecTest::transcriptOfEveryFrameVectorMatches_data()
{
    addFrameRows();
}

void PacketCodecTest::transcriptOfEveryFrameVectorMatches()
{
    QFETCH(QJsonObject, vector);
    const auto transcript = PacketCodec::signingTranscript(TestVectors::packet(vector));
    QVERIFY(transcript.ok());
    QCOMPARE(transcript->toHex(), vector[u"signing_transcript"].toString().toLatin1());
}

void PacketCodecTest::vectorsAreLoaded()
{
    // Guards the data-driven tests above against silently running zero rows.
    QVERIFY(TestVectors::load(QStringLiteral("frames.json")).size() >= 15);
    QVERIFY(TestVectors::load(QStringLiteral("padding.json")).size() >= 14);
    QVERIFY(TestVectors::load(QStringLiteral("signing.json")).size() >= 7);
}

QTEST_GUILESS_MAIN(PacketCodecTest)
#include "PacketCodecTest.moc"
