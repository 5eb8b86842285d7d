// SPDX-License-Identifier: GPL-3.0-or-later
#include <QTest>

#include "AnnouncePayload.h"
#include "Identity.h"
#include "TestVectors.h"

/**
 * The announce payload (spec 04 §2) and its PeerCapabilities field (04 §5.1), against the
 * hand-derived TLV-8 bytes of tests/data/vectors/payloads.json: exact encoding, required fields,
 * unknown TLVs skipped, overruns refused, lenient capabilities, nickname truncation.
 */
class AnnouncePayloadTest : public QObject
{
    Q_OBJECT

private slots:
    void encodesToVectorBytes_data();
    void encodesToVectorBytes();
    void decodesVectorBytes_data();
    void decodesVectorBytes();
    void refusesInvalidPayload_data();
    void refusesInvalidPayload();
    void refusesMalformedKnownField_data();
    void refusesMalformedKnownField();
    void roundTripsGeneratedIdentity();
    void capabilitiesEncodeMinimally_data();
    void capabilitiesEncodeMinimally();
    void capabilitiesDecodeLeniently_data();
    void capabilitiesDecodeLeniently();
    void unknownCapabilityBitsRoundTrip();
    void truncatesNicknameOnCharacterBoundary_data();
    void truncatesNicknameOnCharacterBoundary();
    void keepsAtMostTenNeighbours();
};

namespace {
AnnouncePayload fromFields(const QJsonObject &fields)
{
    AnnouncePayload announce;
    announce.nickname = fields[u"nickname"].toString();
    announce.noisePublicKey = TestVectors::bytes(fields[u"noise_public_key"]);
    announce.signingPublicKey = TestVectors::bytes(fields[u"signing_public_key"]);
    for (const QJsonValue &neighbor : fields[u"direct_neighbors"].toArray())
        announce.directNeighbors.append(*PeerId::fromBytes(TestVectors::bytes(neighbor)));
    if (!fields[u"capabilities"].isNull())
        announce.capabilities = PeerCapabilities(fields[u"capabilities"].toString().toULongLong());
    announce.bridgeGeohash = fields[u"bridge_geohash"].toString();
    return announce;
}

void addVectorRows(std::initializer_list<const char *> kinds)
{
    QTest::addColumn<QJsonObject>("vector");
    for (const QJsonValue &vector : TestVectors::load(QStringLiteral("payloads.json"))) {
        for (const char *kind : kinds) {
            if (vector[u"kind"].toString() == QLatin1String(kind))
                QTest::newRow(qPrintable(vector[u"name"].toString())) << vector.toObject();
        }
    }
}

AnnouncePayload minimal()
{
    return fromFields(TestVectors::find(QStringLiteral("payloads.json"),
                                        QStringLiteral("announce-required-only"))[u"fields"]
                          .toObject());
}
} // namespace

void AnnouncePayloadTest::encodesToVectorBytes_data()
{
    addVectorRows({"announce"});
}

void AnnouncePayloadTest::encodesToVectorBytes()
{
    QFETCH(QJsonObject, vector);
    const auto bytes = fromFields(vector[u"fields"].toObject()).encode();
    QVERIFY(bytes.ok());
    QCOMPARE(bytes->toHex(), vector[u"hex"].toString().toLatin1());
}

void AnnouncePayloadTest::decodesVectorBytes_data()
{
    addVectorRows({"announce", "announce_decode"});
}

void AnnouncePayloadTest::decodesVectorBytes()
{
    QFETCH(QJsonObject, vector);
    const auto decoded = AnnouncePayload::decode(TestVectors::bytes(vector[u"hex"]));
    QVERIFY2(decoded.ok(), TestVectors::outcome(decoded).constData());
    QCOMPARE(*decoded, fromFields(vector[u"fields"].toObject()));
}

void AnnouncePayloadTest::refusesInvalidPayload_data()
{
    addVectorRows({"announce_invalid"});
}

void AnnouncePayloadTest::refusesInvalidPayload()
{
    QFETCH(QJsonObject, vector);
    const auto decoded = AnnouncePayload::decode(TestVectors::bytes(vector[u"hex"]));
    QVERIFY(!decoded.ok());
    QCOMPARE(codecErrorName(decoded.error()), vector[u"error"].toString());
}

void AnnouncePayloadTest::refusesMalformedKnownField_data()
{
    QTest::addColumn<QByteArray>("extra");
    QTest::addColumn<CodecError>("error");
    QTest::newRow("neighbours not a multiple of 8")
        << QByteArray::fromHex("0409") + QByteArray(9, 'n') << CodecError::BadTlv;
    QTest::newRow("noise key of 31 bytes")
        << QByteArray::fromHex("021f") + QByteArray(31, 'k') << CodecError::BadTlv;
    QTest::newRow("nickname not UTF-8") << QByteArray::fromHex("0102c328") << CodecError::BadUtf8;
    QTest::newRow("geohash not UTF-8") << QByteArray::fromHex("0601ff") << CodecError::BadUtf8;
    QTest::newRow("TLV header cut after its type")
        << QByteArray::fromHex("7e") << CodecError::BadTlv;
}

void AnnouncePayloadTest::refusesMalformedKnownField()
{
    QFETCH(QByteArray, extra);
    QFETCH(CodecError, error);
    const auto decoded = AnnouncePayload::decode(*minimal().encode() + extra);
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error(), error);
}

void AnnouncePayloadTest::roundTripsGeneratedIdentity()
{
    const Identity identity = Identity::generate();
    AnnouncePayload announce;
    announce.nickname = QStringLiteral("Zoë 🛰");
    announce.noisePublicKey = identity.noise().publicKey();
    announce.signingPublicKey = identity.signing().publicKey();
    announce.directNeighbors = {identity.peerId()};
    announce.capabilities = PeerCapabilities(0x3FF & ~(quint64(1) << 10));
    announce.bridgeGeohash = QStringLiteral("u4pruydq");
    const auto decoded = AnnouncePayload::decode(*announce.encode());
    QVERIFY(decoded.ok());
    QCOMPARE(*decoded, announce);
}

void AnnouncePayloadTest::capabilitiesEncodeMinimally_data()
{
    QTest::addColumn<quint64>("bits");
    QTest::addColumn<QByteArray>("expected");
    const QJsonObject vector =
        TestVectors::find(QStringLiteral("payloads.json"), QStringLiteral("capabilities-minimal"));
    for (const QJsonValue &row : vector[u"rows"].toArray())
        QTest::addRow("bits 0x%llx", static_cast<unsigned long long>(row[u"bits"].toInteger()))
            << quint64(row[u"bits"].toInteger()) << TestVectors::bytes(row[u"hex"]);
    QTest::newRow("bit 10 is never advertised") << quint64(0x401) << QByteArray::fromHex("01");
}

void AnnouncePayloadTest::capabilitiesEncodeMinimally()
{
    QFETCH(quint64, bits);
    QFETCH(QByteArray, expected);
    const QByteArray encoded = PeerCapabilities(bits).encode();
    QCOMPARE(encoded.toHex(), expected.toHex());
    QVERIFY(encoded.size() <= 8);
    QVERIFY(encoded.isEmpty() || encoded.back() != '\0');
}

void AnnouncePayloadTest::capabilitiesDecodeLeniently_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<quint64>("bits");
    QTest::newRow("empty") << QByteArray() << quint64(0);
    QTest::newRow("little-endian 09 01") << QByteArray::fromHex("0901") << quint64(0x109);
    QTest::newRow("non-minimal 09 01 00 00") << QByteArray::fromHex("09010000") << quint64(0x109);
    QTest::newRow("unknown bit 11 kept") << QByteArray::fromHex("0008") << quint64(0x800);
    QTest::newRow("eight bytes, bit 63")
        << QByteArray::fromHex("0000000000000080") << (quint64(1) << 63);
    QTest::newRow("twelve bytes: beyond the low 64 bits ignored")
        << QByteArray::fromHex("01000000000000807f7f7f7f") << ((quint64(1) << 63) | 1);
}

void AnnouncePayloadTest::capabilitiesDecodeLeniently()
{
    QFETCH(QByteArray, bytes);
    QFETCH(quint64, bits);
    QCOMPARE(PeerCapabilities::decodeLenient(bytes).bits(), bits);
    // The same bytes inside an announce do not invalidate it (spec 04 §5.1, standalone form).
    QByteArray payload = *minimal().encode();
    payload += char(0x05);
    payload += char(bytes.size());
    payload += bytes;
    const auto decoded = AnnouncePayload::decode(payload);
    QVERIFY2(decoded.ok(), TestVectors::outcome(decoded).constData());
    QCOMPARE(decoded->capabilities->bits(), bits);
}

void AnnouncePayloadTest::unknownCapabilityBitsRoundTrip()
{
    // Spec 04 §5.1: "an unrecognized set bit in 11–63 decodes, is preserved, and re-encodes
    // minimally, so a bit assigned by a later revision round-trips".
    const QByteArray received = QByteArray::fromHex("090801");
    const PeerCapabilities decoded = PeerCapabilities::decodeLenient(received);
    QCOMPARE(decoded.bits(), quint64(0x10809));
    QVERIFY(decoded.has(PeerCapabilities::Prekeys));
    QVERIFY(decoded.has(PeerCapabilities::Groups));
    QCOMPARE(decoded.encode().toHex(), received.toHex());
}

void AnnouncePayloadTest::truncatesNicknameOnCharacterBoundary_data()
{
    QTest::addColumn<QString>("nickname");
    QTest::addColumn<int>("expectedBytes");
    const QString a253(253, u'a');
    QTest::newRow("255 ASCII bytes kept") << QString(255, u'a') << 255;
    QTest::newRow("300 ASCII bytes cut to 255") << QString(300, u'a') << 255;
    QTest::newRow("2-byte é across byte 255: cut before it")
        << a253 + u'a' + QStringLiteral("é") << 254;
    QTest::newRow("3-byte € across byte 255: cut before it") << a253 + QStringLiteral("€") << 253;
    QTest::newRow("3-byte € ending on byte 255: kept")
        << QString(252, u'a') + QStringLiteral("€") << 255;
    QTest::newRow("4-byte 🛰 across byte 255: cut before it")
        << QString(252, u'a') + QStringLiteral("🛰") << 252;
    QTest::newRow("all 2-byte ü: 127 of them") << QString(200, QChar(0xFC)) << 254;
}

void AnnouncePayloadTest::truncatesNicknameOnCharacterBoundary()
{
    QFETCH(QString, nickname);
    QFETCH(int, expectedBytes);
    AnnouncePayload announce = minimal();
    announce.nickname = nickname;
    const auto payload = announce.encode();
    QVERIFY(payload.ok());
    QCOMPARE(payload->at(0), '\x01');
    QCOMPARE(int(quint8(payload->at(1))), expectedBytes);
    const auto decoded = AnnouncePayload::decode(*payload);
    QVERIFY2(decoded.ok(), TestVectors::outcome(decoded).constData()); // still valid UTF-8
    QVERIFY(nickname.startsWith(decoded->nickname));
    QCOMPARE(decoded->nickname.toUtf8().size(), expectedBytes);
}

void AnnouncePayloadTest::keepsAtMostTenNeighbours()
{
    AnnouncePayload announce = minimal();
    for (int i = 0; i < 12; ++i)
        announce.directNeighbors.append(*PeerId::fromBytes(QByteArray(8, char(i))));
    const auto decoded = AnnouncePayload::decode(*announce.encode());
    QVERIFY(decoded.ok());
    QCOMPARE(decoded->directNeighbors, announce.directNeighbors.first(10));
}

QTEST_GUILESS_MAIN(AnnouncePayloadTest)
#include "AnnouncePayloadTest.moc"
