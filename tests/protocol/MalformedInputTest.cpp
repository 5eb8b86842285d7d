// SPDX-License-Identifier: GPL-3.0-or-later
#include <array>

#include <QTest>

#include "FragmentReassembler.h"
#include "PacketCodec.h"
#include "PacketSigner.h"
#include "RejectionCounters.h"
#include "TestVectors.h"

/**
 * What a hostile or broken peer can send: every truncation of valid frames, lengths that overrun,
 * unknown versions, hasRoute on v1, trailing garbage, decompression bombs, fragment streams over
 * the caps and signatures over the wrong transcript. Each is refused with a typed CodecError and
 * counted exactly once in RejectionCounters; none crashes or reads past the buffer.
 */
class MalformedInputTest : public QObject
{
    Q_OBJECT

private slots:
    void everyTruncationIsRejectedAndCounted_data();
    void everyTruncationIsRejectedAndCounted();
    void malformedFrameIsRejectedWithItsError_data();
    void malformedFrameIsRejectedWithItsError();
    void fragmentStreamOverCapsIsRejectedAndCounted_data();
    void fragmentStreamOverCapsIsRejectedAndCounted();
    void signatureOverWrongTranscriptDoesNotVerify_data();
    void signatureOverWrongTranscriptDoesNotVerify();
    void alteredSignedFrameDoesNotVerify_data();
    void alteredSignedFrameDoesNotVerify();
};

void MalformedInputTest::everyTruncationIsRejectedAndCounted_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<qsizetype>("naturalSize"); // a padded frame cut to this length is valid
    const std::pair<const char *, const char *> sources[]{
        {"frames.json", "v1-broadcast"},
        {"frames.json", "v1-recipient"},
        {"frames.json", "v2-source-route"},
        {"frames.json", "v1-compressed"},
        {"frames.json", "v1-fragment"},
        {"signing.json", "signed-v2-all-sections"},
        {"signing.json", "signed-v1-announce"},
        {"padding.json", "noise-encrypted-240"}, // padded: cuts inside the padding too
        {"padding.json", "noise-encrypted-22"},
    };
    for (const auto &[file, name] : sources) {
        const QJsonObject vector =
            TestVectors::find(QString::fromLatin1(file), QString::fromLatin1(name));
        const QByteArray frame = TestVectors::bytes(vector[u"hex"]);
        QTest::newRow(name) << frame << qsizetype(vector[u"natural_size"].toInteger(frame.size()));
    }
}

void MalformedInputTest::everyTruncationIsRejectedAndCounted()
{
    QFETCH(QByteArray, frame);
    QFETCH(qsizetype, naturalSize);
    QVERIFY(frame.size() > 20);
    RejectionCounters counters;
    PacketCodec codec(&counters);
    QVERIFY(codec.decode(frame).ok());
    quint64 rejected = 0;
    for (qsizetype length = 0; length < frame.size(); ++length) {
        // A copy of exactly `length` bytes, so a read past the end would be caught by ASan.
        const QByteArray prefix = frame.first(length);
        const std::array before = {counters.count(CodecError::Truncated),
                                   counters.count(CodecError::LengthOverrun),
                                   counters.count(CodecError::TrailingBytes)};
        const auto decoded = codec.decode(prefix);
        if (length == naturalSize) { // the padded frame without its padding: still the packet
            QVERIFY(decoded.ok());
            continue;
        }
        QVERIFY2(!decoded.ok(), qPrintable(QStringLiteral("prefix of %1 accepted").arg(length)));
        const CodecError error = decoded.error();
        QVERIFY2(error == CodecError::Truncated || error == CodecError::LengthOverrun ||
                     error == CodecError::TrailingBytes,
                 qPrintable(codecErrorName(error)));
        const qsizetype slot = error == CodecError::Truncated       ? 0
                               : error == CodecError::LengthOverrun ? 1
                                                                    : 2;
        QCOMPARE(counters.count(error), before[slot] + 1); // counted under its own error
        QCOMPARE(counters.total(), ++rejected);            // and only once
    }
}

void MalformedInputTest::malformedFrameIsRejectedWithItsError_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("error");
    for (const QJsonValue &vector : TestVectors::load(QStringLiteral("malformed.json"))) {
        QTest::newRow(qPrintable(vector[u"name"].toString()))
            << TestVectors::bytes(vector[u"hex"]) << vector[u"error"].toString();
    }
    QTest::newRow("empty input") << QByteArray() << QStringLiteral("truncated");
}

void MalformedInputTest::malformedFrameIsRejectedWithItsError()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, error);
    RejectionCounters counters;
    const auto decoded = PacketCodec(&counters).decode(frame);
    QVERIFY(!decoded.ok());
    QCOMPARE(codecErrorName(decoded.error()), error);
    QCOMPARE(counters.count(decoded.error()), quint64(1));
    QCOMPARE(counters.total(), quint64(1));
}

void MalformedInputTest::fragmentStreamOverCapsIsRejectedAndCounted_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<int>("total");
    QTest::addColumn<int>("dataSize");
    QTest::addColumn<CodecError>("error");
    QTest::newRow("total 10,001") << 0 << 10001 << 10 << CodecError::FragmentOverCap;
    QTest::newRow("total 65,535") << 7 << 65535 << 10 << CodecError::FragmentOverCap;
    QTest::newRow("index past total") << 5 << 5 << 10 << CodecError::FragmentOverCap;
    QTest::newRow("one fragment over the 4 MiB buffer budget")
        << 0 << 2 << 4 * 1024 * 1024 + 1 << CodecError::FragmentBudget;
}

void MalformedInputTest::fragmentStreamOverCapsIsRejectedAndCounted()
{
    QFETCH(int, index);
    QFETCH(int, total);
    QFETCH(int, dataSize);
    QFETCH(CodecError, error);
    RejectionCounters counters;
    FragmentReassembler reassembler(&counters);
    const FragmentPayload fragment{QByteArray(8, 'i'), quint16(index), quint16(total), 0x02,
                                   QByteArray(dataSize, 'd')};
    // Through the wire form, as a relay would receive it.
    const auto decoded = FragmentPayload::decode(fragment.encode());
    QVERIFY(decoded.ok());
    const auto added = reassembler.add(*PeerId::fromHex(u"0011223344556677"), *decoded, 0);
    QVERIFY(!added.ok());
    QCOMPARE(added.error(), error);
    QCOMPARE(counters.count(error), quint64(1));
    QCOMPARE(counters.total(), quint64(1));
    QCOMPARE(reassembler.bufferedBytes(), 0);
}

void MalformedInputTest::signatureOverWrongTranscriptDoesNotVerify_data()
{
    QTest::addColumn<QJsonObject>("vector");
    for (const QJsonValue &vector : TestVectors::load(QStringLiteral("signing.json"))) {
        if (!vector[u"valid"].toBool())
            QTest::newRow(qPrintable(vector[u"name"].toString())) << vector.toObject();
    }
}

void MalformedInputTest::signatureOverWrongTranscriptDoesNotVerify()
{
    QFETCH(QJsonObject, vector);
    // The frame itself is well formed: decoding succeeds, verification is what refuses it.
    const auto packet = PacketCodec().decode(TestVectors::bytes(vector[u"hex"]));
    QVERIFY(packet.ok());
    QVERIFY(!PacketSigner::verify(*packet, TestVectors::bytes(vector[u"public_key"])));
}

void MalformedInputTest::alteredSignedFrameDoesNotVerify_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("offset"); // negative: from the end
    QTest::newRow("v1 message: timestamp byte") << QStringLiteral("signed-v1-message-rsr") << 10;
    QTest::newRow("v1 message: sender byte") << QStringLiteral("signed-v1-message-rsr") << 14;
    QTest::newRow("v1 message: payload byte") << QStringLiteral("signed-v1-message-rsr") << 22;
    QTest::newRow("v1 message: signature byte") << QStringLiteral("signed-v1-message-rsr") << -1;
    QTest::newRow("v1 announce: nickname byte") << QStringLiteral("signed-v1-announce") << 24;
    QTest::newRow("v2: recipient byte") << QStringLiteral("signed-v2-all-sections") << 30;
    QTest::newRow("v2: route hop byte") << QStringLiteral("signed-v2-all-sections") << 40;
    QTest::newRow("v2: type byte") << QStringLiteral("signed-v2-all-sections") << 1;
}

void MalformedInputTest::alteredSignedFrameDoesNotVerify()
{
    QFETCH(QString, name);
    QFETCH(int, offset);
    const QJsonObject vector = TestVectors::find(QStringLiteral("signing.json"), name);
    const QByteArray publicKey = TestVectors::bytes(vector[u"public_key"]);
    QByteArray frame = TestVectors::bytes(vector[u"hex"]);
    QVERIFY(PacketSigner::verify(*PacketCodec().decode(frame), publicKey));
    const qsizetype at = offset < 0 ? frame.size() + offset : offset;
    frame[at] = char(frame[at] ^ 0x01);
    const auto packet = PacketCodec().decode(frame);
    QVERIFY2(packet.ok(), TestVectors::outcome(packet).constData());
    QVERIFY(!PacketSigner::verify(*packet, publicKey));
}

QTEST_GUILESS_MAIN(MalformedInputTest)
#include "MalformedInputTest.moc"
