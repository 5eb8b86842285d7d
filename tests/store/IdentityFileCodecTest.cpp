// SPDX-License-Identifier: GPL-3.0-or-later
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "IdentityFileCodec.h"

/** What IdentityFileCodec writes it reads back, and every kind of damage is named, not absorbed. */
class IdentityFileCodecTest : public QObject
{
    Q_OBJECT

private slots:
    void roundTripsTheSameIdentity();
    void writesVersionedJson();
    void rejectsDamage_data();
    void rejectsDamage();
};

namespace {
QJsonObject objectOf(const QByteArray &bytes)
{
    return QJsonDocument::fromJson(bytes).object();
}

QByteArray bytesOf(const QJsonObject &object)
{
    return QJsonDocument(object).toJson();
}

/** A valid file of a fresh identity with @p key set to @p value. */
QByteArray withField(const QString &key, const QJsonValue &value)
{
    QJsonObject object = objectOf(IdentityFileCodec::encode(Identity::generate()));
    object.insert(key, value);
    return bytesOf(object);
}

/** A valid file of a fresh identity with @p key taken from another identity's file. */
QByteArray withFieldOfAnother(const QString &key)
{
    const QJsonObject other = objectOf(IdentityFileCodec::encode(Identity::generate()));
    return withField(key, other.value(key));
}
} // namespace

void IdentityFileCodecTest::roundTripsTheSameIdentity()
{
    const Identity identity = Identity::generate();
    const StoreResult<Identity> decoded =
        IdentityFileCodec::decode(IdentityFileCodec::encode(identity));
    QVERIFY2(decoded.ok(), qPrintable(decoded ? QString() : decoded.error()));
    QCOMPARE(decoded->peerId(), identity.peerId());
    QCOMPARE(decoded->signing().seed(), identity.signing().seed());
    QCOMPARE(decoded->signing().publicKey(), identity.signing().publicKey());
    QCOMPARE(decoded->noise().secretKey(), identity.noise().secretKey());
    QCOMPARE(decoded->noise().publicKey(), identity.noise().publicKey());
}

void IdentityFileCodecTest::writesVersionedJson()
{
    const Identity identity = Identity::generate();
    const QJsonObject object = objectOf(IdentityFileCodec::encode(identity));
    QCOMPARE(object.value(QLatin1StringView("format")).toString(),
             QLatin1StringView("meshcast-identity"));
    QCOMPARE(object.value(QLatin1StringView("version")).toInt(), IdentityFileCodec::Version);
    QCOMPARE(object.value(QLatin1StringView("peer_id")).toString(), identity.peerId().toHex());
    QCOMPARE(object.value(QLatin1StringView("noise_public_key")).toString(),
             QString::fromLatin1(identity.noise().publicKey().toHex()));
}

void IdentityFileCodecTest::rejectsDamage_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("reasonMentions");

    const QByteArray valid = IdentityFileCodec::encode(Identity::generate());
    QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
    QTest::newRow("truncated") << valid.left(valid.size() / 2) << QStringLiteral("JSON");
    QTest::newRow("garbage") << QByteArray("\x00\xff\x13garbage\x7f", 11) << QStringLiteral("JSON");
    QTest::newRow("array instead of object") << QByteArray("[1, 2]") << QStringLiteral("object");
    QTest::newRow("oversized") << QByteArray(IdentityFileCodec::MaxFileSize + 1, ' ')
                               << QStringLiteral("larger");
    QTest::newRow("other format") << withField(QStringLiteral("format"), QStringLiteral("x"))
                                  << QStringLiteral("format");
    QTest::newRow("newer version")
        << withField(QStringLiteral("version"), 2) << QStringLiteral("version 2");
    QTest::newRow("version as string")
        << withField(QStringLiteral("version"), QStringLiteral("1")) << QStringLiteral("version");
    QTest::newRow("signing seed missing") << withField(QStringLiteral("signing_seed"), QJsonValue())
                                          << QStringLiteral("signing_seed");
    QTest::newRow("signing seed short")
        << withField(QStringLiteral("signing_seed"), QStringLiteral("00ff"))
        << QStringLiteral("signing_seed");
    QTest::newRow("noise secret not hex")
        << withField(QStringLiteral("noise_secret"), QString(64, u'g'))
        << QStringLiteral("noise_secret");
    QTest::newRow("peer id not hex")
        << withField(QStringLiteral("peer_id"), QStringLiteral("zz")) << QStringLiteral("peer_id");
    QTest::newRow("signing public key of another identity")
        << withFieldOfAnother(QStringLiteral("signing_public_key"))
        << QStringLiteral("signing public key");
    QTest::newRow("noise public key of another identity")
        << withFieldOfAnother(QStringLiteral("noise_public_key"))
        << QStringLiteral("Noise public key");
    QTest::newRow("noise secret of another identity")
        << withFieldOfAnother(QStringLiteral("noise_secret")) << QStringLiteral("Noise public key");
    QTest::newRow("peer id of another identity")
        << withFieldOfAnother(QStringLiteral("peer_id")) << QStringLiteral("peer ID");
}

void IdentityFileCodecTest::rejectsDamage()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, reasonMentions);

    const StoreResult<Identity> decoded = IdentityFileCodec::decode(bytes);
    QVERIFY(!decoded.ok());
    QVERIFY2(decoded.error().contains(reasonMentions), qPrintable(decoded.error()));
}

QTEST_GUILESS_MAIN(IdentityFileCodecTest)
#include "IdentityFileCodecTest.moc"
