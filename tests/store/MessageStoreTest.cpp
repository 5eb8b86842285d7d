// SPDX-License-Identifier: GPL-3.0-or-later
#include <limits>
#include <memory>
#include <utility>

#include <sys/stat.h>

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "MessageSchema.h"
#include "MessageStore.h"

/**
 * MessageStore on real SQLite files: the outbox is durable and shared across instances, replays
 * are refused, paging walks the whole history newest first, and bad paths fail without a crash.
 */
class MessageStoreTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void opensInWalModeAtCurrentSchema();
    void outboxRowIsVisibleToSecondInstanceBeforeSent();
    void outboxSurvivesRestartByteIdentical();
    void markSentRemovesFromOutbox();
    void addOutgoingRejectsBadInput();
    void receivedMessageRoundTrips();
    void duplicatePacketIsRejected();
    void pagesNewestFirst();
    void openFails_data();
    void openFails();
    void databaseFilesAreOwnerOnly_data();
    void databaseFilesAreOwnerOnly();

private:
    QString databasePath() const { return m_directory->filePath(QStringLiteral("messages.db")); }

    std::unique_ptr<QTemporaryDir> m_directory;
};

namespace {
const PeerId Self = *PeerId::fromHex(u"0011223344556677");
const PeerId Other = *PeerId::fromHex(u"8899aabbccddeeff");

QByteArray packetId(int n)
{
    QByteArray id(16, '\0');
    id[0] = char(0x5a);
    id[12] = char(n >> 24);
    id[13] = char(n >> 16);
    id[14] = char(n >> 8);
    id[15] = char(n);
    return id;
}

/** A stand-in for a signed packet: binary, with NULs, distinct per @p n. */
QByteArray frame(int n)
{
    QByteArray bytes("\x01\x01\x07\x00", 4);
    bytes += packetId(n);
    bytes += QByteArray(64, char(n % 251));
    return bytes;
}

StoredMessage received(int n)
{
    StoredMessage message;
    message.packetId = packetId(n);
    message.senderId = Other;
    message.senderNickname = QStringLiteral("bob");
    message.text = QStringLiteral("message %1").arg(n);
    message.timestampMs = 1'700'000'000'000 + n;
    message.receivedAtMs = 1'700'000'000'500 + n;
    message.hops = 2;
    message.verified = true;
    message.delivery = StoredMessage::Delivery::Received;
    return message;
}

/** The first column of @p sql's first row, through a connection of the test's own. */
QVariant probe(const QString &path, const QString &sql)
{
    const QString name = QStringLiteral("probe");
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(sql) && query.next())
                value = query.value(0);
        }
    }
    QSqlDatabase::removeDatabase(name);
    return value;
}
} // namespace

void MessageStoreTest::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    QVERIFY(m_directory->isValid());
}

void MessageStoreTest::opensInWalModeAtCurrentSchema()
{
    MessageStore store;
    QString error;
    QVERIFY2(store.open(databasePath(), &error), qPrintable(error));
    QVERIFY(store.isOpen());
    QCOMPARE(store.count(), 0);

    QCOMPARE(probe(databasePath(), QStringLiteral("PRAGMA journal_mode")).toString(),
             QStringLiteral("wal"));
    QCOMPARE(probe(databasePath(), QStringLiteral("PRAGMA user_version")).toInt(),
             MessageSchema::CurrentVersion);
}

void MessageStoreTest::outboxRowIsVisibleToSecondInstanceBeforeSent()
{
    MessageStore writer;
    QVERIFY(writer.open(databasePath()));
    const std::optional<StoredMessage> queued = writer.addOutgoing(
        packetId(1), Self, QStringLiteral("alice"), QStringLiteral("hello"), 1000, frame(1));
    QVERIFY2(queued, qPrintable(writer.lastError()));
    QVERIFY(queued->rowId > 0);
    QCOMPARE(queued->delivery, StoredMessage::Delivery::Queued);
    QVERIFY(queued->own);

    MessageStore reader; // another connection, as another process would have
    QVERIFY(reader.open(databasePath()));
    QVERIFY(reader.contains(packetId(1)));
    const QList<OutboxEntry> pending = reader.pendingOutbox();
    QCOMPARE(pending.size(), 1);
    QCOMPARE(pending.first(), (OutboxEntry{queued->rowId, packetId(1), 1000, frame(1)}));
    const QList<StoredMessage> history = reader.latest(10);
    QCOMPARE(history.size(), 1);
    QCOMPARE(history.first(), *queued);
}

void MessageStoreTest::outboxSurvivesRestartByteIdentical()
{
    {
        MessageStore beforeRestart;
        QVERIFY(beforeRestart.open(databasePath()));
        for (int n = 1; n <= 3; ++n) {
            QVERIFY(beforeRestart.addOutgoing(packetId(n), Self, QStringLiteral("alice"),
                                              QStringLiteral("text %1").arg(n), 1000 + n,
                                              frame(n)));
        }
    }
    MessageStore afterRestart;
    QVERIFY(afterRestart.open(databasePath()));
    const QList<OutboxEntry> pending = afterRestart.pendingOutbox();
    QCOMPARE(pending.size(), 3);
    for (int n = 1; n <= 3; ++n) { // oldest first
        QCOMPARE(pending[n - 1].packetId, packetId(n));
        QCOMPARE(pending[n - 1].signedFrame, frame(n));
        QCOMPARE(pending[n - 1].timestampMs, 1000 + n);
    }
}

void MessageStoreTest::markSentRemovesFromOutbox()
{
    MessageStore store;
    QVERIFY(store.open(databasePath()));
    QVERIFY(store.addOutgoing(packetId(1), Self, QStringLiteral("alice"), QStringLiteral("a"), 10,
                              frame(1)));
    QVERIFY(store.addOutgoing(packetId(2), Self, QStringLiteral("alice"), QStringLiteral("b"), 20,
                              frame(2)));

    QVERIFY(store.markSent(packetId(1), 15));
    const QList<OutboxEntry> pending = store.pendingOutbox();
    QCOMPARE(pending.size(), 1);
    QCOMPARE(pending.first().packetId, packetId(2));

    QVERIFY(store.markSent(packetId(1), 99)); // again: still sent, first time kept
    const StoredMessage sent = store.before(pending.first().rowId, 1).value(0);
    QCOMPARE(sent.packetId, packetId(1));
    QCOMPARE(sent.delivery, StoredMessage::Delivery::Sent);
    QCOMPARE(sent.sentAtMs, 15);

    QVERIFY(!store.markSent(packetId(3), 30));
    QVERIFY(!store.lastError().isEmpty());
    QCOMPARE(store.count(), 2);
}

void MessageStoreTest::addOutgoingRejectsBadInput()
{
    MessageStore store;
    QVERIFY(store.open(databasePath()));
    QVERIFY(!store.addOutgoing(QByteArray(8, 'x'), Self, QStringLiteral("a"), QStringLiteral("t"),
                               1, frame(1)));
    QVERIFY(!store.lastError().isEmpty());
    QVERIFY(!store.addOutgoing(packetId(1), Self, QStringLiteral("a"), QStringLiteral("t"), 1,
                               QByteArray()));
    QVERIFY(store.addOutgoing(packetId(1), Self, QStringLiteral("a"), QStringLiteral("t"), 1,
                              frame(1)));
    QVERIFY(store.lastError().isEmpty());
    QVERIFY(!store.addOutgoing(packetId(1), Self, QStringLiteral("a"), QStringLiteral("t"), 1,
                               frame(1)));
    QVERIFY(!store.lastError().isEmpty());
    QCOMPARE(store.count(), 1);
}

void MessageStoreTest::receivedMessageRoundTrips()
{
    MessageStore store;
    QVERIFY(store.open(databasePath()));
    StoredMessage message = received(7);
    message.text = QStringLiteral("héllo 👋 \u0000 end");
    message.senderNickname = QStringLiteral("бо́б");
    message.verified = false;

    const MessageStore::AddResult result = store.addReceived(message);
    QCOMPARE(result.status, MessageStore::AddResult::Status::Added);
    QVERIFY(result.rowId > 0);
    message.rowId = result.rowId;
    QCOMPARE(store.latest(1), QList<StoredMessage>{message});
    QVERIFY(store.pendingOutbox().isEmpty());

    StoredMessage queued = received(8);
    queued.delivery = StoredMessage::Delivery::Queued;
    QCOMPARE(store.addReceived(queued).status, MessageStore::AddResult::Status::Failed);
    QCOMPARE(store.count(), 1);
}

void MessageStoreTest::duplicatePacketIsRejected()
{
    MessageStore store;
    QVERIFY(store.open(databasePath()));
    QCOMPARE(store.addReceived(received(1)).status, MessageStore::AddResult::Status::Added);

    StoredMessage replay = received(1);
    replay.text = QStringLiteral("forged");
    replay.hops = 5;
    const MessageStore::AddResult result = store.addReceived(replay);
    QCOMPARE(result.status, MessageStore::AddResult::Status::Duplicate);
    QCOMPARE(result.rowId, 0);
    QCOMPARE(store.count(), 1);
    QCOMPARE(store.latest(1).value(0).text, received(1).text);

    // Our own message relayed back to us is a duplicate too, and stays queued.
    QVERIFY(store.addOutgoing(packetId(2), Self, QStringLiteral("alice"), QStringLiteral("x"), 1,
                              frame(2)));
    QCOMPARE(store.addReceived(received(2)).status, MessageStore::AddResult::Status::Duplicate);
    QCOMPARE(store.count(), 2);
    QCOMPARE(store.pendingOutbox().size(), 1);
}

void MessageStoreTest::pagesNewestFirst()
{
    constexpr int Total = 2500;
    constexpr int PageSize = 300; // the last page is partial
    MessageStore store;
    QVERIFY(store.open(databasePath()));
    for (int n = 0; n < Total; ++n)
        QCOMPARE(store.addReceived(received(n)).status, MessageStore::AddResult::Status::Added);
    QCOMPARE(store.count(), Total);

    QList<StoredMessage> page = store.latest(PageSize);
    QCOMPARE(page.size(), PageSize);
    QCOMPARE(page.first().packetId, packetId(Total - 1));
    int expected = Total - 1;
    int pages = 0;
    qint64 previousRowId = std::numeric_limits<qint64>::max();
    while (!page.isEmpty()) {
        ++pages;
        QVERIFY(page.size() <= PageSize);
        for (const StoredMessage &message : std::as_const(page)) {
            QVERIFY(message.rowId < previousRowId);
            previousRowId = message.rowId;
            QCOMPARE(message.text, QStringLiteral("message %1").arg(expected));
            --expected;
        }
        page = store.before(page.last().rowId, PageSize);
    }
    QCOMPARE(expected, -1);
    QCOMPARE(pages, (Total + PageSize - 1) / PageSize);

    QVERIFY(store.latest(0).isEmpty());
    QVERIFY(store.latest(-5).isEmpty());
    QCOMPARE(store.latest(Total + 100).size(), Total);
    QVERIFY(store.before(previousRowId, 10).isEmpty());
    QCOMPARE(store.before(previousRowId + 3, 10).size(), 3);
}

void MessageStoreTest::openFails_data()
{
    QTest::addColumn<QString>("relativePath");
    QTest::addColumn<QByteArray>("existingBytes"); // written to the path first unless empty
    QTest::addColumn<QString>("setupSql");         // run on the file first unless empty

    QTest::newRow("directory missing")
        << QStringLiteral("missing/messages.db") << QByteArray() << QString();
    QTest::newRow("path is a directory") << QStringLiteral(".") << QByteArray() << QString();
    QTest::newRow("parent is a file")
        << QStringLiteral("blocker/messages.db") << QByteArray() << QString();
    QTest::newRow("not a database")
        << QStringLiteral("messages.db") << QByteArray(4096, char(0x5a)) << QString();
    QTest::newRow("newer schema") << QStringLiteral("messages.db") << QByteArray()
                                  << QStringLiteral("PRAGMA user_version = 99");
    QTest::newRow("another application's database")
        << QStringLiteral("messages.db") << QByteArray()
        << QStringLiteral("CREATE TABLE contacts (name TEXT)");
}

void MessageStoreTest::openFails()
{
    QFETCH(QString, relativePath);
    QFETCH(QByteArray, existingBytes);
    QFETCH(QString, setupSql);

    QFile blocker(m_directory->filePath(QStringLiteral("blocker")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const QString path = m_directory->filePath(relativePath);
    if (!existingBytes.isEmpty()) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(existingBytes);
    }
    if (!setupSql.isEmpty())
        probe(path, setupSql);

    MessageStore store;
    QString error;
    QVERIFY(!store.open(path, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(store.lastError(), error);
    QVERIFY(!store.isOpen());

    // Every call on a closed store fails quietly.
    QVERIFY(store.latest(10).isEmpty());
    QCOMPARE(store.count(), 0);
    QVERIFY(!store.contains(packetId(1)));
    QCOMPARE(store.addReceived(received(1)).status, MessageStore::AddResult::Status::Failed);
    QVERIFY(!store.addOutgoing(packetId(1), Self, QStringLiteral("a"), QStringLiteral("t"), 1,
                               frame(1)));

    // ...and the same object still opens a good file afterwards.
    QVERIFY(store.open(databasePath() + QStringLiteral(".good"), &error));
}

namespace {
/** The permission bits of @p path as stat(2) reports them, or -1 when it cannot be read. */
int modeOf(const QString &path)
{
    struct stat info = {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 07777) : -1;
}
} // namespace

void MessageStoreTest::databaseFilesAreOwnerOnly_data()
{
    // Issue 8, defect 10: the history is as private as the key, whatever was there before.
    QTest::addColumn<QString>("existingSuffix"); // created before open() with existingMode
    QTest::addColumn<int>("existingMode");
    QTest::newRow("new database") << QString() << 0;
    QTest::newRow("database of an earlier version, 0644") << QStringLiteral("") << 0644;
    QTest::newRow("database left 0666") << QStringLiteral("") << 0666;
    QTest::newRow("write-ahead log left 0644") << QStringLiteral("-wal") << 0644;
    QTest::newRow("shared-memory file left 0666") << QStringLiteral("-shm") << 0666;
    QTest::newRow("rollback journal left 0644") << QStringLiteral("-journal") << 0644;
}

void MessageStoreTest::databaseFilesAreOwnerOnly()
{
    QFETCH(QString, existingSuffix);
    QFETCH(int, existingMode);
    if (existingMode != 0) {
        const QString path = databasePath() + existingSuffix;
        QVERIFY(QFile(path).open(QIODevice::WriteOnly));
        QCOMPARE(::chmod(QFile::encodeName(path).constData(), mode_t(existingMode)), 0);
        QCOMPARE(modeOf(path), existingMode);
    }

    MessageStore store;
    QString error;
    QVERIFY2(store.open(databasePath(), &error), qPrintable(error));
    // A write makes SQLite create the -wal and -shm files, and they must be private too.
    QCOMPARE(store.addReceived(received(1)).status, MessageStore::AddResult::Status::Added);
    QVERIFY(QFile::exists(databasePath() + QStringLiteral("-wal")));
    QVERIFY(QFile::exists(databasePath() + QStringLiteral("-shm")));

    const QDir dir(m_directory->path());
    const QStringList files = dir.entryList(QDir::Files | QDir::Hidden);
    QVERIFY(files.size() >= 3);
    for (const QString &name : files)
        QVERIFY2(modeOf(dir.filePath(name)) == 0600, qPrintable(name + QStringLiteral(" is open")));
}

QTEST_GUILESS_MAIN(MessageStoreTest)
#include "MessageStoreTest.moc"
