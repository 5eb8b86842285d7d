// SPDX-License-Identifier: GPL-3.0-or-later
#include <memory>

#include <sys/stat.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "DataDirectory.h"
#include "IdentityStore.h"
#include "MessageStore.h"

/**
 * DataDirectory on real files: the data directory and the files Meshcast keeps in it end up
 * private (issue 8, defect 10) and the user is told once when they were not; a wipe leaves none
 * of Meshcast's files and nothing else is touched.
 */
class DataDirectoryTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void missingDirectoryIsCreatedPrivate();
    void openDirectoryIsMadePrivateAndWarnedOnce_data();
    void openDirectoryIsMadePrivateAndWarnedOnce();
    void readableKeyFileIsMadePrivateAndWarnedOnce();
    void historyFilesAreMadePrivateWithoutAlarm();
    void fileInPlaceOfDirectoryIsAnError();
    void ownedFiles_data();
    void ownedFiles();
    void wipeLeavesNoKeyOrHistory();
    void wipeKeepsOtherFiles();

private:
    QString path(const QString &name) const { return m_root->filePath(name); }

    std::unique_ptr<QTemporaryDir> m_root;
};

namespace {
int modeOf(const QString &path)
{
    struct stat info = {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 07777) : -1;
}

bool setMode(const QString &path, int mode)
{
    return ::chmod(QFile::encodeName(path).constData(), mode_t(mode)) == 0;
}

bool touch(const QString &path, int mode = 0644)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write("x") == 1 && setMode(path, mode);
}

QStringList entries(const QString &directory)
{
    return QDir(directory).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot,
                                     QDir::Name);
}
} // namespace

void DataDirectoryTest::init()
{
    m_root = std::make_unique<QTemporaryDir>();
    QVERIFY(m_root->isValid());
}

void DataDirectoryTest::missingDirectoryIsCreatedPrivate()
{
    const QString directory = path(QStringLiteral("parent/data"));
    QStringList warnings;
    QString error;
    QVERIFY2(DataDirectory(directory).prepare(&warnings, &error), qPrintable(error));
    QCOMPARE(modeOf(directory), 0700);
    QCOMPARE(warnings, QStringList());
}

void DataDirectoryTest::openDirectoryIsMadePrivateAndWarnedOnce_data()
{
    QTest::addColumn<int>("mode");
    QTest::newRow("0777, open to everyone") << 0777;
    QTest::newRow("0755, the umask's default") << 0755;
    QTest::newRow("0750, the group may read") << 0750;
    // Search permission alone lets others open identity.json by name.
    QTest::newRow("0711, others may look up names") << 0711;
}

void DataDirectoryTest::openDirectoryIsMadePrivateAndWarnedOnce()
{
    QFETCH(int, mode);
    const QString directory = path(QStringLiteral("data"));
    QVERIFY(QDir().mkdir(directory));
    QVERIFY(setMode(directory, mode));

    QStringList warnings;
    QString error;
    QVERIFY2(DataDirectory(directory).prepare(&warnings, &error), qPrintable(error));
    QCOMPARE(modeOf(directory), 0700);
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings.first().contains(directory), qPrintable(warnings.first()));
    QVERIFY2(warnings.first().contains(QStringLiteral("0%1").arg(mode, 0, 8)),
             qPrintable(warnings.first()));

    QStringList again;
    QVERIFY(DataDirectory(directory).prepare(&again, &error));
    QCOMPARE(again, QStringList()); // fixed, so the next start says nothing
}

void DataDirectoryTest::readableKeyFileIsMadePrivateAndWarnedOnce()
{
    QVERIFY(setMode(m_root->path(), 0700));
    const QString key = IdentityStore(m_root->path()).filePath();
    QVERIFY(touch(key, 0644));

    QStringList warnings;
    QString error;
    QVERIFY(DataDirectory(m_root->path()).prepare(&warnings, &error));
    QCOMPARE(modeOf(key), 0600);
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings.first().contains(key), qPrintable(warnings.first()));

    QStringList again;
    QVERIFY(DataDirectory(m_root->path()).prepare(&again, &error));
    QCOMPARE(again, QStringList());
}

void DataDirectoryTest::historyFilesAreMadePrivateWithoutAlarm()
{
    // Earlier versions created the history 0644 inside a private directory: nobody else could
    // reach it, so there is nothing to warn about, but it is tightened all the same.
    QVERIFY(setMode(m_root->path(), 0700));
    const QStringList files = {path(QStringLiteral("history.sqlite")),
                               path(QStringLiteral("history.sqlite-wal")),
                               path(QStringLiteral("history.sqlite-shm"))};
    for (const QString &file : files)
        QVERIFY(touch(file, 0644));

    QStringList warnings;
    QString error;
    QVERIFY(DataDirectory(m_root->path()).prepare(&warnings, &error));
    QCOMPARE(warnings, QStringList());
    for (const QString &file : files)
        QCOMPARE(modeOf(file), 0600);
}

void DataDirectoryTest::fileInPlaceOfDirectoryIsAnError()
{
    const QString file = path(QStringLiteral("data"));
    QVERIFY(touch(file));
    QStringList warnings;
    QString error;
    QVERIFY(!DataDirectory(file).prepare(&warnings, &error));
    QVERIFY2(error.contains(file), qPrintable(error));
}

void DataDirectoryTest::ownedFiles_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("owned");
    QTest::newRow("key file") << QStringLiteral("identity.json") << true;
    QTest::newRow("key lock") << QStringLiteral("identity.json.lock") << true;
    QTest::newRow("key being written") << QStringLiteral("identity.json.aB3xYz") << true;
    QTest::newRow("history") << QStringLiteral("history.sqlite") << true;
    QTest::newRow("history log") << QStringLiteral("history.sqlite-wal") << true;
    QTest::newRow("history shared memory") << QStringLiteral("history.sqlite-shm") << true;
    QTest::newRow("history journal") << QStringLiteral("history.sqlite-journal") << true;
    QTest::newRow("another database of ours") << QStringLiteral("peers.sqlite") << true;
    QTest::newRow("the user's notes") << QStringLiteral("notes.txt") << false;
    QTest::newRow("a backup the user made") << QStringLiteral("identity-backup.json") << false;
    QTest::newRow("bare suffix") << QStringLiteral(".sqlite") << false;
}

void DataDirectoryTest::ownedFiles()
{
    QFETCH(QString, name);
    QFETCH(bool, owned);
    QCOMPARE(DataDirectory::isOwnedFile(name), owned);
}

void DataDirectoryTest::wipeLeavesNoKeyOrHistory()
{
    const QString directory = path(QStringLiteral("data"));
    QStringList warnings;
    QString error;
    QVERIFY(DataDirectory(directory).prepare(&warnings, &error));
    const IdentityStore keys(directory);
    const auto before = keys.loadOrCreate();
    QVERIFY(before.ok());
    const QString historyPath = QDir(directory).filePath(QStringLiteral("history.sqlite"));
    {
        MessageStore history;
        QVERIFY2(history.open(historyPath, &error), qPrintable(error));
        QVERIFY(history.addOutgoing(QByteArray(16, 'a'), before->peerId(), QStringLiteral("me"),
                                    QStringLiteral("before the wipe"), 1, QByteArray("frame")));
        // What a crash leaves: the -wal and -shm files of an open database, copied while open.
        QVERIFY(QFile::exists(historyPath + QStringLiteral("-wal")));
        QVERIFY(QFile::copy(historyPath + QStringLiteral("-wal"), path(QStringLiteral("wal"))));
        QVERIFY(QFile::copy(historyPath + QStringLiteral("-shm"), path(QStringLiteral("shm"))));
    }
    QVERIFY(QFile::copy(path(QStringLiteral("wal")), historyPath + QStringLiteral("-wal")));
    QVERIFY(QFile::copy(path(QStringLiteral("shm")), historyPath + QStringLiteral("-shm")));
    QCOMPARE(entries(directory),
             (QStringList{QStringLiteral("history.sqlite"), QStringLiteral("history.sqlite-shm"),
                          QStringLiteral("history.sqlite-wal"), QStringLiteral("identity.json")}));
    QVERIFY(!DataDirectory(directory).ownedFiles().isEmpty());

    QStringList removed;
    QVERIFY2(DataDirectory(directory).wipe(&error, &removed), qPrintable(error));
    QVERIFY(removed.contains(keys.filePath()));
    QCOMPARE(entries(directory), QStringList());

    // What starts next is a stranger with no past.
    const auto after = keys.loadOrCreate();
    QVERIFY(after.ok());
    QVERIFY(after->peerId() != before->peerId());
    MessageStore history;
    QVERIFY(history.open(historyPath, &error));
    QCOMPARE(history.count(), 0);
}

void DataDirectoryTest::wipeKeepsOtherFiles()
{
    const QStringList ours = {QStringLiteral("identity.json"), QStringLiteral("identity.json.lock"),
                              QStringLiteral("history.sqlite"),
                              QStringLiteral("history.sqlite-journal")};
    for (const QString &name : ours)
        QVERIFY(touch(path(name)));
    QVERIFY(touch(path(QStringLiteral("notes.txt"))));
    QVERIFY(QDir().mkdir(path(QStringLiteral("photos"))));
    QVERIFY(touch(path(QStringLiteral("photos/history.sqlite"))));

    QString error;
    QStringList removed;
    QVERIFY2(DataDirectory(m_root->path()).wipe(&error, &removed), qPrintable(error));
    QCOMPARE(removed.size(), ours.size());
    QCOMPARE(entries(m_root->path()),
             (QStringList{QStringLiteral("notes.txt"), QStringLiteral("photos")}));
    QVERIFY(QFile::exists(path(QStringLiteral("photos/history.sqlite"))));
}

QTEST_GUILESS_MAIN(DataDirectoryTest)
#include "DataDirectoryTest.moc"
