// SPDX-License-Identifier: GPL-3.0-or-later
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>
#include <QtEndian>

#include "TestVectors.h"

/**
 * The real `meshcast packet decode|encode|verify` binary (MESHCAST_BINARY), run as a process
 * against the hand-derived vectors of tests/data/vectors: decode prints the fields docs/CLI.md
 * documents, encode of what decode printed gives the frame back, verify judges signatures, and
 * malformed input prints {"error":"<kind>"} with exit status 1.
 */
class PacketCommandTest : public QObject
{
    Q_OBJECT

private slots:
    void decodePrintsDocumentedFields_data();
    void decodePrintsDocumentedFields();
    void encodeReproducesEveryVector_data();
    void encodeReproducesEveryVector();
    void timestampSurvivesDecodeAndEncode_data();
    void timestampSurvivesDecodeAndEncode();
    void encodeCompressesAsAsked_data();
    void encodeCompressesAsAsked();
    void verifyReportsValidity_data();
    void verifyReportsValidity();
    void malformedInputPrintsErrorKind_data();
    void malformedInputPrintsErrorKind();
};

using namespace Qt::StringLiterals;

namespace {
struct CommandRun
{
    int exitCode = -1;
    QByteArray out; ///< stdout without its trailing newline
};

CommandRun run(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(MESHCAST_BINARY),
                  QStringList{QStringLiteral("packet")} + arguments);
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit)
        return {};
    QByteArray out = process.readAllStandardOutput();
    if (out.endsWith('\n'))
        out.chop(1);
    return {process.exitCode(), out};
}

QJsonObject decodeToJson(const QByteArray &frame)
{
    const CommandRun result = run({QStringLiteral("decode"), QString::fromLatin1(frame.toHex())});
    return result.exitCode == 0 ? QJsonDocument::fromJson(result.out).object() : QJsonObject();
}

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

void addFrameRows()
{
    QTest::addColumn<QJsonObject>("vector");
    for (const QJsonValue &vector : TestVectors::allFrames())
        QTest::newRow(qPrintable(vector[u"name"].toString())) << vector.toObject();
}

const QByteArray Test1PublicKey =
    QByteArray::fromHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
} // namespace

void PacketCommandTest::decodePrintsDocumentedFields_data()
{
    addFrameRows();
}

void PacketCommandTest::decodePrintsDocumentedFields()
{
    QFETCH(QJsonObject, vector);
    const CommandRun result = run({QStringLiteral("decode"), vector[u"hex"].toString()});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(!result.out.contains('\n')); // one line
    const QJsonObject decoded = QJsonDocument::fromJson(result.out).object();
    QStringList keys = decoded.keys();
    keys.sort();
    QCOMPARE(keys.join(u','),
             QStringLiteral("compressed,encoded_padded,is_rsr,payload,recipient_id,"
                            "route,sender_id,signature,signing_transcript,"
                            "timestamp,ttl,type,version"));
    const QJsonObject fields = vector[u"fields"].toObject();
    for (auto it = fields.begin(); it != fields.end(); ++it)
        QVERIFY2(decoded[it.key()] == it.value(),
                 qPrintable(it.key() + u": "_s + compact(decoded)));
    QCOMPARE(decoded[u"signing_transcript"].toString(), vector[u"signing_transcript"].toString());
    QCOMPARE(decoded[u"encoded_padded"].toString(), vector[u"padded_hex"].toString());
}

void PacketCommandTest::encodeReproducesEveryVector_data()
{
    addFrameRows();
}

void PacketCommandTest::encodeReproducesEveryVector()
{
    QFETCH(QJsonObject, vector);
    const QJsonObject decoded = decodeToJson(TestVectors::bytes(vector[u"hex"]));
    QVERIFY(!decoded.isEmpty());
    const CommandRun result = run({QStringLiteral("encode"), compact(decoded)});
    QCOMPARE(result.exitCode, 0);
    // encode prints the unpadded frame (docs/CLI.md); the wire form of a padded Noise frame is the
    // decoder's encoded_padded, which must then equal the input.
    const QString expected = vector.contains(u"canonical_hex") ? vector[u"canonical_hex"].toString()
                             : vector.contains(u"natural_hex") ? vector[u"natural_hex"].toString()
                                                               : vector[u"hex"].toString();
    QCOMPARE(QString::fromLatin1(result.out), expected);
    if (vector.contains(u"natural_hex"))
        QCOMPARE(decoded[u"encoded_padded"].toString(), vector[u"hex"].toString());
}

void PacketCommandTest::timestampSurvivesDecodeAndEncode_data()
{
    QTest::addColumn<quint64>("timestamp");
    QTest::newRow("2023 in ms") << quint64(1700000000000);
    QTest::newRow("2^53, the last exact double") << (quint64(1) << 53);
    QTest::newRow("2^53 + 1") << (quint64(1) << 53) + 1;
    QTest::newRow("0x0102030405060708") << quint64(0x0102030405060708);
    QTest::newRow("2^63") << (quint64(1) << 63);
    QTest::newRow("2^64 - 1") << ~quint64(0);
}

void PacketCommandTest::timestampSurvivesDecodeAndEncode()
{
    QFETCH(quint64, timestamp);
    QByteArray frame = TestVectors::bytes(
        TestVectors::find(QStringLiteral("frames.json"), QStringLiteral("v1-broadcast"))[u"hex"]);
    qToBigEndian(timestamp, frame.data() + 3); // spec 01 §2: 8 bytes at offset 3
    const CommandRun decoded = run({QStringLiteral("decode"), QString::fromLatin1(frame.toHex())});
    QCOMPARE(decoded.exitCode, 0);
    const auto printed =
        QRegularExpression(uR"("timestamp":([^,}]*))"_s).match(QString::fromLatin1(decoded.out));
    QCOMPARE(printed.captured(1), QString::number(timestamp));
    const CommandRun encoded = run({QStringLiteral("encode"), QString::fromUtf8(decoded.out)});
    QCOMPARE(encoded.out, frame.toHex());
}

void PacketCommandTest::encodeCompressesAsAsked_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QJsonValue>("compressed"); // undefined: the field is left out
    QTest::addColumn<bool>("expectCompressed");
    const QByteArray text = QByteArray("hello mesh ").repeated(12);
    QRandomGenerator generator(7);
    QByteArray random(300, Qt::Uninitialized);
    for (char &byte : random)
        byte = char(generator.bounded(256));
    QTest::newRow("absent, 132 bytes of text: compressed") << text << QJsonValue() << true;
    QTest::newRow("absent, 99 bytes: under the threshold")
        << text.first(99) << QJsonValue() << false;
    QTest::newRow("absent, 300 random bytes: would not shrink") << random << QJsonValue() << false;
    QTest::newRow("false, 132 bytes of text: not compressed") << text << QJsonValue(false) << false;
    QTest::newRow("true, 5 bytes: compressed anyway") << text.first(5) << QJsonValue(true) << true;
}

void PacketCommandTest::encodeCompressesAsAsked()
{
    QFETCH(QByteArray, payload);
    QFETCH(QJsonValue, compressed);
    QFETCH(bool, expectCompressed);
    QJsonObject input{{u"version"_s, 2},
                      {u"type"_s, 2},
                      {u"ttl"_s, 7},
                      {u"timestamp"_s, qint64(1700000000000)},
                      {u"sender_id"_s, u"0011223344556677"_s},
                      {u"payload"_s, QString::fromLatin1(payload.toHex())}};
    if (!compressed.isNull())
        input.insert(u"compressed"_s, compressed);
    const CommandRun encoded = run({QStringLiteral("encode"), compact(input)});
    QCOMPARE(encoded.exitCode, 0);
    const QByteArray frame = QByteArray::fromHex(encoded.out);
    QCOMPARE(bool(quint8(frame.at(11)) & 0x04), expectCompressed); // isCompressed, spec 01 §3
    if (expectCompressed) // 4-byte v2 preamble: the original size
        QCOMPARE(qFromBigEndian<quint32>(frame.constData() + 24), quint32(payload.size()));
    const QJsonObject decoded = decodeToJson(frame);
    QCOMPARE(decoded[u"payload"].toString(), QString::fromLatin1(payload.toHex()));
    QCOMPARE(decoded[u"compressed"].toBool(), expectCompressed);
}

void PacketCommandTest::verifyReportsValidity_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<bool>("valid");
    for (const QJsonValue &vector : TestVectors::load(QStringLiteral("signing.json"))) {
        QTest::newRow(qPrintable(vector[u"name"].toString()))
            << TestVectors::bytes(vector[u"hex"]) << TestVectors::bytes(vector[u"public_key"])
            << vector[u"valid"].toBool();
    }
    const QByteArray signedFrame = TestVectors::bytes(TestVectors::find(
        QStringLiteral("signing.json"), QStringLiteral("signed-v1-message-rsr"))[u"hex"]);
    auto altered = [&](qsizetype at, char value) {
        QByteArray frame = signedFrame;
        frame[at] = value;
        return frame;
    };
    QTest::newRow("relay lowered ttl 7 to 3: still valid")
        << altered(2, 3) << Test1PublicKey << true;
    QTest::newRow("isRSR cleared after signing: still valid")
        << altered(11, 0x02) << Test1PublicKey << true;
    QTest::newRow("payload byte flipped") << altered(22, 'H') << Test1PublicKey << false;
    QTest::newRow("signature byte flipped")
        << altered(signedFrame.size() - 1, char(signedFrame.back() ^ 1)) << Test1PublicKey << false;
    QTest::newRow("another key (RFC 8032 TEST 2)")
        << signedFrame
        << QByteArray::fromHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c")
        << false;
    QTest::newRow("unsigned frame")
        << TestVectors::bytes(TestVectors::find(QStringLiteral("frames.json"),
                                                QStringLiteral("v1-broadcast"))[u"hex"])
        << Test1PublicKey << false;
}

void PacketCommandTest::verifyReportsValidity()
{
    QFETCH(QByteArray, frame);
    QFETCH(QByteArray, key);
    QFETCH(bool, valid);
    const CommandRun result = run({QStringLiteral("verify"), QString::fromLatin1(frame.toHex()),
                                   QStringLiteral("--key"), QString::fromLatin1(key.toHex())});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out,
             valid ? QByteArray(R"({"valid":true})") : QByteArray(R"({"valid":false})"));
}

void PacketCommandTest::malformedInputPrintsErrorKind_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("expected");
    for (const QJsonValue &vector : TestVectors::load(QStringLiteral("malformed.json"))) {
        QTest::addRow("decode %s", qPrintable(vector[u"name"].toString()))
            << QStringList{QStringLiteral("decode"), vector[u"hex"].toString()}
            << R"({"error":")" + vector[u"error"].toString().toLatin1() + R"("})";
    }
    const QString good =
        TestVectors::find(QStringLiteral("frames.json"), QStringLiteral("v1-broadcast"))[u"hex"]
            .toString();
    const QString key = QString::fromLatin1(Test1PublicKey.toHex());
    QTest::newRow("decode non-hex")
        << QStringList{u"decode"_s, u"zz"_s} << QByteArray(R"({"error":"bad_hex"})");
    QTest::newRow("decode odd-length hex")
        << QStringList{u"decode"_s, good.chopped(1)} << QByteArray(R"({"error":"bad_hex"})");
    QTest::newRow("decode without a frame")
        << QStringList{u"decode"_s} << QByteArray(R"({"error":"usage"})");
    QTest::newRow("verify a truncated frame")
        << QStringList{u"verify"_s, good.first(26), u"--key"_s, key}
        << QByteArray(R"({"error":"truncated"})");
    QTest::newRow("verify with a 31-byte key")
        << QStringList{u"verify"_s, good, u"--key"_s, key.first(62)}
        << QByteArray(R"({"error":"bad_key"})");
    QTest::newRow("encode non-JSON")
        << QStringList{u"encode"_s, u"{version"_s} << QByteArray(R"({"error":"bad_json"})");
    QTest::newRow("encode without sender_id")
        << QStringList{u"encode"_s,
                       uR"({"version":1,"type":2,"ttl":7,"timestamp":1,"payload":""})"_s}
        << QByteArray(R"({"error":"bad_field","field":"sender_id"})");
    QTest::newRow("encode a route on v1")
        << QStringList{u"encode"_s,
                       uR"({"version":1,"type":2,"ttl":7,"timestamp":1,"sender_id":"0011223344556677",)"
                       uR"("route":["a1a1a1a1a1a1a1a1"],"payload":""})"_s}
        << QByteArray(R"({"error":"route_on_v1"})");
    QTest::newRow("encode version 3")
        << QStringList{u"encode"_s,
                       uR"({"version":3,"type":2,"ttl":7,"timestamp":1,"sender_id":"0011223344556677",)"
                       uR"("payload":""})"_s}
        << QByteArray(R"({"error":"unsupported_version"})");
}

void PacketCommandTest::malformedInputPrintsErrorKind()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, expected);
    const CommandRun result = run(arguments);
    QCOMPARE(result.out, expected);
    QCOMPARE(result.exitCode, 1);
}

QTEST_GUILESS_MAIN(PacketCommandTest)
#include "PacketCommandTest.moc"
