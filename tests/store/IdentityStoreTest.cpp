// SPDX-License-Identifier: GPL-3.0-or-later
#include <memory>

#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "IdentityFileCodec.h"
#include "IdentityStore.h"

/**
 * IdentityStore on real files in a temporary directory: created once, owner-only, then reloaded;
 * never replaced when damaged; a clear error where it cannot write.
 */
class IdentityStoreTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void firstStartCreatesOwnerOnlyFile();
    void secondStartLoadsTheSameIdentity();
    void loadAloneNeverCreates();
    void damagedFileIsReportedAndKept_data();
    void damagedFileIsReportedAndKept();
    void directoryInPlaceOfFileIsReported();
    void unwritableDirectoryIsReported();
    void readOnlyDirectoryIsReported();

private:
    std::unique_ptr<QTemporaryDir> m_root;
};

namespace {
constexpr QFileDevice::Permissions GroupOrOther = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                                  QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                                  QFileDevice::WriteOther | QFileDevice::ExeOther;

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QStringList entries(const QString &directory)
{
    return QDir(directory).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
}

QByteArray withFieldOfAnother(const QByteArray &valid, const QString &key)
{
    QJsonObject object = QJsonDocument::fromJson(valid).object();
    const QJsonObject other =
        QJsonDocument::fromJson(IdentityFileCodec::encode(Identity::generate())).object();
    object.insert(key, other.value(key));
    return QJsonDocument(object).toJson();
}
} // namespace

void IdentityStoreTest::init()
{
    m_root = std::make_unique<QTemporaryDir>();
    QVERIFY(m_root->isValid());
}

void IdentityStoreTest::firstStartCreatesOwnerOnlyFile()
{
    const QString directory = m_root->filePath(QStringLiteral("missing/data"));
    const IdentityStore store(directory);

    const StoreResult<Identity> identity = store.loadOrCreate();
    QVERIFY2(identity.ok(), qPrintable(identity ? QString() : identity.error()));

    const QFileInfo file(store.filePath());
    QVERIFY(file.isFile());
    QCOMPARE(file.absolutePath(), QFileInfo(directory).absoluteFilePath());
    QVERIFY(file.permissions().testFlags(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    QCOMPARE(file.permissions() & GroupOrOther, QFileDevice::Permissions());
    QCOMPARE(QFileInfo(directory).permissions() & GroupOrOther, QFileDevice::Permissions());
    // No temporary or lock file left behind.
    QCOMPARE(entries(directory), QStringList{QStringLiteral("identity.json")});

    const StoreResult<Identity> stored = IdentityFileCodec::decode(readAll(store.filePath()));
    QVERIFY(stored.ok());
    QCOMPARE(stored->peerId(), identity->peerId());
}

void IdentityStoreTest::secondStartLoadsTheSameIdentity()
{
    const StoreResult<Identity> first = IdentityStore(m_root->path()).loadOrCreate();
    QVERIFY(first.ok());
    const QByteArray bytes = readAll(IdentityStore(m_root->path()).filePath());

    const StoreResult<Identity> second = IdentityStore(m_root->path()).loadOrCreate();
    QVERIFY2(second.ok(), qPrintable(second ? QString() : second.error()));
    QCOMPARE(second->peerId(), first->peerId());
    QCOMPARE(second->signing().publicKey(), first->signing().publicKey());
    QCOMPARE(second->noise().secretKey(), first->noise().secretKey());
    QCOMPARE(readAll(IdentityStore(m_root->path()).filePath()), bytes);
}

void IdentityStoreTest::loadAloneNeverCreates()
{
    const IdentityStore store(m_root->path());
    const StoreResult<Identity> identity = store.load();
    QVERIFY(!identity.ok());
    QVERIFY2(identity.error().contains(store.filePath()), qPrintable(identity.error()));
    QVERIFY(entries(m_root->path()).isEmpty());
}

void IdentityStoreTest::damagedFileIsReportedAndKept_data()
{
    QTest::addColumn<QByteArray>("bytes");

    const QByteArray valid = IdentityFileCodec::encode(Identity::generate());
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("truncated") << valid.left(valid.size() - 20);
    QTest::newRow("garbage") << QByteArray("\x89PNG\r\n\x1a\n\x00\x00binary", 16);
    QTest::newRow("wrong noise public key")
        << withFieldOfAnother(valid, QStringLiteral("noise_public_key"));
    QTest::newRow("wrong signing public key")
        << withFieldOfAnother(valid, QStringLiteral("signing_public_key"));
    QTest::newRow("oversized") << QByteArray(1 << 20, 'x');
}

void IdentityStoreTest::damagedFileIsReportedAndKept()
{
    QFETCH(QByteArray, bytes);
    const IdentityStore store(m_root->path());
    QVERIFY(writeAll(store.filePath(), bytes));
    const QDateTime modified = QFileInfo(store.filePath()).lastModified();

    const StoreResult<Identity> identity = store.loadOrCreate();
    QVERIFY(!identity.ok());
    QVERIFY2(identity.error().contains(store.filePath()), qPrintable(identity.error()));
    QVERIFY2(identity.error().contains(QLatin1StringView("damaged")), qPrintable(identity.error()));

    QCOMPARE(readAll(store.filePath()), bytes);
    QCOMPARE(QFileInfo(store.filePath()).lastModified(), modified);
    QCOMPARE(entries(m_root->path()), QStringList{QStringLiteral("identity.json")});
}

void IdentityStoreTest::directoryInPlaceOfFileIsReported()
{
    const IdentityStore store(m_root->path());
    QVERIFY(QDir().mkdir(store.filePath()));

    const StoreResult<Identity> identity = store.loadOrCreate();
    QVERIFY(!identity.ok());
    QVERIFY(QFileInfo(store.filePath()).isDir());
}

void IdentityStoreTest::unwritableDirectoryIsReported()
{
    // A data directory below a regular file cannot be created, whoever runs the test.
    const QString blocker = m_root->filePath(QStringLiteral("file"));
    QVERIFY(writeAll(blocker, "not a directory"));

    for (const QString &directory : {blocker, blocker + QStringLiteral("/data")}) {
        const StoreResult<Identity> identity = IdentityStore(directory).loadOrCreate();
        QVERIFY(!identity.ok());
        QVERIFY2(identity.error().contains(directory), qPrintable(identity.error()));
    }
    QCOMPARE(readAll(blocker), QByteArray("not a directory"));
}

void IdentityStoreTest::readOnlyDirectoryIsReported()
{
    if (geteuid() == 0)
        QSKIP("root writes through directory permissions");
    const QString directory = m_root->filePath(QStringLiteral("readonly"));
    QVERIFY(QDir().mkdir(directory, QFileDevice::ReadOwner | QFileDevice::ExeOwner));

    const StoreResult<Identity> identity = IdentityStore(directory).loadOrCreate();
    QVERIFY(!identity.ok());
    QVERIFY(entries(directory).isEmpty());
    QFile::setPermissions(directory,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
}

QTEST_GUILESS_MAIN(IdentityStoreTest)
#include "IdentityStoreTest.moc"
