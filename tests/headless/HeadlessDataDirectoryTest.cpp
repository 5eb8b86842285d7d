// SPDX-License-Identifier: GPL-3.0-or-later
// The real `meshcast --headless` and its data directory: keys and history are created private
// and an open directory is made private with one warning (issue 8, defect 10); `/wipe confirm`
// leaves nothing of the old identity on disk and the node goes on as a stranger.
#include <memory>

#include <sys/stat.h>

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "HeadlessMesh.h"
#include "MessageStore.h"

using namespace Qt::StringLiterals;

namespace {
constexpr int FormMs = 20000;
constexpr int DeliveryMs = 10000;

int modeOf(const QString &path)
{
    struct stat info = {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 07777) : -1;
}

bool setMode(const QString &path, int mode)
{
    return ::chmod(QFile::encodeName(path).constData(), mode_t(mode)) == 0;
}

QString octal(int mode)
{
    return u"0%1"_s.arg(mode, 0, 8);
}

/** A node whose --data-dir is @p dir (the last --data-dir on the command line wins). */
HeadlessNode::Options inDirectory(const QString &dir, const QString &nick)
{
    HeadlessNode::Options options;
    options.nick = nick;
    options.extraArguments = {u"--data-dir"_s, dir};
    return options;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

class HeadlessDataDirectoryTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keysAndHistoryArePrivate_data()
    {
        QTest::addColumn<int>("directoryMode"); // 0: the directory does not exist yet
        QTest::addColumn<int>("fileMode");      // 0: no files yet; else a previous run's, chmodded
        QTest::addColumn<QStringList>("warningsAbout");
        QTest::newRow("first start") << 0 << 0 << QStringList();
        QTest::newRow("directory made 0777 by hand") << 0777 << 0 << QStringList{u"directory"_s};
        QTest::newRow("files of an earlier version in a 0755 directory")
            << 0755 << 0644 << QStringList{u"directory"_s, u"key file"_s};
        QTest::newRow("readable key file in a private directory")
            << 0700 << 0640 << QStringList{u"key file"_s};
    }

    void keysAndHistoryArePrivate()
    {
        QFETCH(int, directoryMode);
        QFETCH(int, fileMode);
        QFETCH(QStringList, warningsAbout);
        QTemporaryDir root;
        const QString dir = root.filePath(u"data"_s);
        HeadlessNode node(inDirectory(dir, u"Private"_s));
        if (fileMode != 0) {
            QVERIFY(node.start());
            QVERIFY(!node.sendMessage(u"written before"_s).isEmpty());
            QVERIFY(node.closeInputAndWait());
            for (const QString &name : QDir(dir).entryList(QDir::Files))
                QVERIFY(setMode(QDir(dir).filePath(name), fileMode));
        } else if (directoryMode != 0) {
            QVERIFY(QDir().mkpath(dir));
        }
        if (directoryMode != 0)
            QVERIFY(setMode(dir, directoryMode));

        QVERIFY(node.start());
        QVERIFY(!node.sendMessage(u"a message makes the history write"_s).isEmpty());
        QVERIFY(QFile::exists(dir + u"/history.sqlite-wal"_s));

        QCOMPARE(octal(modeOf(dir)), u"0700"_s);
        const QStringList files = QDir(dir).entryList(QDir::Files | QDir::Hidden);
        QVERIFY(files.contains(u"identity.json"_s) && files.contains(u"history.sqlite"_s));
        for (const QString &name : files)
            QVERIFY2(modeOf(QDir(dir).filePath(name)) == 0600,
                     qPrintable(u"%1 is %2"_s.arg(name, octal(modeOf(QDir(dir).filePath(name))))));

        const QList<QJsonObject> warnings = node.events(u"warning"_s);
        QCOMPARE(warnings.size(), warningsAbout.size());
        for (int i = 0; i < warnings.size(); ++i) {
            const QString what = warnings.at(i).value(u"what"_s).toString();
            QVERIFY2(what.contains(warningsAbout.at(i)), qPrintable(what));
        }
        // Warned once: the next start finds everything private and says nothing.
        QVERIFY(node.closeInputAndWait());
        QVERIFY(node.start());
        QCOMPARE(node.events(u"warning"_s).size(), 0);
    }

    void wipeConfirmLeavesNothingOfTheOldIdentity()
    {
        QTemporaryDir root;
        const QString dir = root.filePath(u"data"_s);
        HeadlessMesh mesh;
        HeadlessNode *neighbour = mesh.addDialing(u"Neighbour"_s, {});
        QVERIFY(neighbour);
        HeadlessNode::Options options = inDirectory(dir, u"Wiper"_s);
        options.peers = {neighbour->listenUrl()};
        HeadlessNode *wiper = mesh.add(options);
        QVERIFY(wiper);
        const QString oldId = wiper->peerId();
        QTRY_VERIFY_WITH_TIMEOUT(neighbour->isPresent(oldId), FormMs);
        const QString before = wiper->sendMessage(u"said before the wipe"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!neighbour->messages(before).isEmpty(), DeliveryMs);
        const QByteArray oldKey = readAll(dir + u"/identity.json"_s);
        QVERIFY(!oldKey.isEmpty());
        // Settings a window left in this data directory, and a file that is not Meshcast's.
        QVERIFY(QDir().mkpath(dir + u"/Meshcast"_s));
        QFile settings(dir + u"/Meshcast/meshcast.conf"_s);
        QVERIFY(settings.open(QIODevice::WriteOnly));
        settings.write("[General]\nnickname=Wiper\n");
        settings.close();
        QFile notes(dir + u"/notes.txt"_s);
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.close();

        // "/wipe" alone only says how; nothing is deleted.
        wiper->send(u"/wipe"_s);
        QTRY_COMPARE_WITH_TIMEOUT(wiper->events(u"error"_s).size(), 1, DeliveryMs);
        QVERIFY(wiper->events(u"error"_s)
                    .first()
                    .value(u"what"_s)
                    .toString()
                    .contains(u"/wipe confirm"_s));
        QCOMPARE(readAll(dir + u"/identity.json"_s), oldKey);

        wiper->send(u"/wipe confirm"_s);
        QTRY_COMPARE_WITH_TIMEOUT(wiper->events(u"ready"_s).size(), 2, DeliveryMs);
        QCOMPARE(wiper->events(u"wiped"_s).size(), 1);
        const QString newId = wiper->events(u"ready"_s).last().value(u"peer_id"_s).toString();
        QVERIFY(!newId.isEmpty());
        QVERIFY(newId != oldId);
        QCOMPARE(wiper->events(u"ready"_s).last().value(u"listen"_s).toString(),
                 wiper->listenUrl()); // the same port as before

        // On disk: a new key, a history without the old message, no settings; notes.txt stays.
        const QByteArray newKey = readAll(dir + u"/identity.json"_s);
        QVERIFY(!newKey.isEmpty());
        QVERIFY(newKey != oldKey);
        QVERIFY(!newKey.contains(oldId.toLatin1()));
        QVERIFY(!QFile::exists(dir + u"/Meshcast/meshcast.conf"_s));
        QVERIFY(QFile::exists(dir + u"/notes.txt"_s));
        {
            MessageStore history;
            QString error;
            QVERIFY2(history.open(dir + u"/history.sqlite"_s, &error), qPrintable(error));
            QCOMPARE(history.count(), 0);
            QVERIFY(!history.contains(QByteArray::fromHex(before.toLatin1())));
        }

        // The neighbour loses the old identity and meets the new one, which chats as usual.
        QTRY_VERIFY_WITH_TIMEOUT(neighbour->isPresent(newId), FormMs);
        QTRY_VERIFY_WITH_TIMEOUT(!neighbour->isPresent(oldId), FormMs);
        const QString after = wiper->sendMessage(u"a stranger now"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!neighbour->messages(after).isEmpty(), DeliveryMs);
        QCOMPARE(neighbour->message(after).value(u"peer_id"_s).toString(), newId);
        QVERIFY(neighbour->message(after).value(u"verified"_s).toBool());
    }
};

QTEST_GUILESS_MAIN(HeadlessDataDirectoryTest)
#include "HeadlessDataDirectoryTest.moc"
