// SPDX-License-Identifier: GPL-3.0-or-later
#include <QTest>

#include "Identity.h"
#include "TestVectors.h"

/**
 * Identity and its keys: Ed25519 against RFC 8032 §7.1, the Noise static key against RFC 7748
 * §6.1, and the peer ID (first 8 bytes of SHA-256 of the Noise public key, spec README glossary)
 * and fingerprint derived from it (tests/data/vectors/identity.json).
 */
class IdentityTest : public QObject
{
    Q_OBJECT

private slots:
    void ed25519MatchesRfc8032_data();
    void ed25519MatchesRfc8032();
    void ed25519RejectsAlteredInput_data();
    void ed25519RejectsAlteredInput();
    void signingSeedRoundTrips();
    void peerIdIsFirst8BytesOfSha256OfNoiseKey_data();
    void peerIdIsFirst8BytesOfSha256OfNoiseKey();
    void peerIdHexParsing_data();
    void peerIdHexParsing();
    void generatedIdentitiesDiffer();
};

namespace {
void addRows(const char *kind)
{
    QTest::addColumn<QJsonObject>("vector");
    for (const QJsonValue &vector : TestVectors::load(QStringLiteral("identity.json"))) {
        if (vector[u"kind"].toString() == QLatin1String(kind))
            QTest::newRow(qPrintable(vector[u"name"].toString())) << vector.toObject();
    }
}
} // namespace

void IdentityTest::ed25519MatchesRfc8032_data()
{
    addRows("ed25519");
}

void IdentityTest::ed25519MatchesRfc8032()
{
    QFETCH(QJsonObject, vector);
    const QByteArray publicKey = TestVectors::bytes(vector[u"public_key"]);
    const QByteArray message = TestVectors::bytes(vector[u"message"]);
    const QByteArray signature = TestVectors::bytes(vector[u"signature"]);
    const auto key = SigningKeyPair::fromSeed(TestVectors::bytes(vector[u"seed"]));
    QVERIFY(key);
    QCOMPARE(key->publicKey().toHex(), publicKey.toHex());
    QCOMPARE(key->sign(message).toHex(), signature.toHex());
    QVERIFY(SigningKeyPair::verify(publicKey, message, signature));
}

void IdentityTest::ed25519RejectsAlteredInput_data()
{
    QTest::addColumn<int>("part");
    QTest::newRow("message with a byte appended") << 0;
    QTest::newRow("signature R flipped") << 1;
    QTest::newRow("signature S flipped") << 2;
    QTest::newRow("other public key") << 3;
    QTest::newRow("signature of 63 bytes") << 4;
}

void IdentityTest::ed25519RejectsAlteredInput()
{
    QFETCH(int, part);
    const QJsonObject vector =
        TestVectors::find(QStringLiteral("identity.json"), QStringLiteral("rfc8032-test2"));
    QByteArray publicKey = TestVectors::bytes(vector[u"public_key"]);
    QByteArray message = TestVectors::bytes(vector[u"message"]);
    QByteArray signature = TestVectors::bytes(vector[u"signature"]);
    switch (part) {
    case 0:
        message.append('\0');
        break;
    case 1:
        signature[3] = char(signature[3] ^ 0x01);
        break;
    case 2:
        signature[40] = char(signature[40] ^ 0x80);
        break;
    case 3:
        publicKey = TestVectors::bytes(TestVectors::find(
            QStringLiteral("identity.json"), QStringLiteral("rfc8032-test1"))[u"public_key"]);
        break;
    default:
        signature.chop(1);
    }
    QVERIFY(!SigningKeyPair::verify(publicKey, message, signature));
}

void IdentityTest::signingSeedRoundTrips()
{
    const QByteArray seed =
        QByteArray::fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    QCOMPARE(SigningKeyPair::fromSeed(seed)->seed(), seed);
    QVERIFY(!SigningKeyPair::fromSeed(seed.first(31)));
    QVERIFY(!SigningKeyPair::fromSeed(seed + '\0'));
}

void IdentityTest::peerIdIsFirst8BytesOfSha256OfNoiseKey_data()
{
    addRows("noise");
}

void IdentityTest::peerIdIsFirst8BytesOfSha256OfNoiseKey()
{
    QFETCH(QJsonObject, vector);
    const auto noise = NoiseKeyPair::fromSecretKey(TestVectors::bytes(vector[u"secret_key"]));
    QVERIFY(noise);
    QCOMPARE(noise->publicKey().toHex(), vector[u"public_key"].toString().toLatin1());
    const QByteArray fingerprint = TestVectors::bytes(vector[u"fingerprint"]);
    QCOMPARE(Identity::fingerprintOf(noise->publicKey()), fingerprint);
    QCOMPARE(PeerId::fromNoisePublicKey(noise->publicKey()).toBytes(), fingerprint.first(8));
    QCOMPARE(PeerId::fromNoisePublicKey(noise->publicKey()).toHex(), vector[u"peer_id"].toString());

    const Identity identity(*SigningKeyPair::fromSeed(QByteArray(32, '\x07')), *noise);
    QCOMPARE(identity.peerId().toHex(), vector[u"peer_id"].toString());
    QCOMPARE(identity.fingerprint(), fingerprint);
    const QString formatted = vector[u"formatted_fingerprint"].toString();
    QCOMPARE(Identity::formatFingerprint(fingerprint), formatted);
    QCOMPARE(formatted.size(), 16 * 4 + 15);
    QCOMPARE(Identity::shortFingerprint(fingerprint), formatted.first(4 * 4 + 3));
}

void IdentityTest::peerIdHexParsing_data()
{
    QTest::addColumn<QString>("hex");
    QTest::addColumn<QString>("expected"); // empty: refused
    QTest::newRow("lower case") << QStringLiteral("0011223344556677")
                                << QStringLiteral("0011223344556677");
    QTest::newRow("upper case prints lower")
        << QStringLiteral("8899AABBCCDDEEFF") << QStringLiteral("8899aabbccddeeff");
    QTest::newRow("15 digits") << QStringLiteral("001122334455667") << QString();
    QTest::newRow("17 digits") << QStringLiteral("00112233445566778") << QString();
    QTest::newRow("non-hex digit") << QStringLiteral("00112233445566zz") << QString();
    QTest::newRow("separators") << QStringLiteral("00:11:22:33:44:55") << QString();
}

void IdentityTest::peerIdHexParsing()
{
    QFETCH(QString, hex);
    QFETCH(QString, expected);
    const auto id = PeerId::fromHex(hex);
    QCOMPARE(id.has_value(), !expected.isEmpty());
    if (id)
        QCOMPARE(id->toHex(), expected);
}

void IdentityTest::generatedIdentitiesDiffer()
{
    const Identity first = Identity::generate();
    const Identity second = Identity::generate();
    QVERIFY(first.peerId() != second.peerId());
    QVERIFY(!first.peerId().isNull());
    QCOMPARE(first.peerId(), PeerId::fromNoisePublicKey(first.noise().publicKey()));
    const QByteArray message("signed by first");
    const QByteArray signature = first.signing().sign(message);
    QVERIFY(SigningKeyPair::verify(first.signing().publicKey(), message, signature));
    QVERIFY(!SigningKeyPair::verify(second.signing().publicKey(), message, signature));
}

QTEST_GUILESS_MAIN(IdentityTest)
#include "IdentityTest.moc"
