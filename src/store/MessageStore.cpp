// SPDX-License-Identifier: GPL-3.0-or-later
#include "MessageStore.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include "MessageSchema.h"
#include "PacketId.h"
#include "StoreLog.h"

namespace {
/** How long a write waits for another connection's write to finish before failing. */
constexpr int BusyTimeoutMs = 5000;

/** The columns readMessages() expects, in this order. */
const QString MessageColumns =
    QStringLiteral("id, packet_id, sender_id, sender_nickname, text, timestamp_ms, "
                   "received_at_ms, sent_at_ms, hops, verified, own, delivery");

/** WAL journal and synchronous=NORMAL on @p db, or false with the reason in @p error. */
bool configure(QSqlDatabase &db, QString *error)
{
    QSqlQuery query(db);
    // journal_mode answers with the mode now in force; anything but "wal" means it was refused.
    if (!query.exec(QStringLiteral("PRAGMA journal_mode = WAL")) || !query.next()) {
        *error = query.lastError().text();
        return false;
    }
    const QString mode = query.value(0).toString();
    if (mode.compare(QLatin1StringView("wal"), Qt::CaseInsensitive) != 0) {
        *error =
            MessageStore::tr("write-ahead logging is not available (journal mode %1)").arg(mode);
        return false;
    }
    if (!query.exec(QStringLiteral("PRAGMA synchronous = NORMAL"))) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

/**
 * The history is as private as the key (issue 8, defect 10): the database file is created 0600
 * before SQLite opens it, and an existing one, or a companion left by an earlier version, that is
 * open to others is set to 0600. SQLite gives the -wal, -shm and -journal files it creates the
 * database file's mode, so they follow. False with the reason in @p error.
 */
bool makeOwnerOnly(const QString &databasePath, QString *error)
{
    constexpr QFileDevice::Permissions OwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    constexpr QFileDevice::Permissions GroupOrOther =
        QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
        QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    if (!QFileInfo::exists(databasePath)) {
        QFile file(databasePath);
        // NewOnly: if another process created it meanwhile, fall through to the mode check.
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, OwnerOnly) &&
            !QFileInfo::exists(databasePath)) {
            *error = file.errorString();
            return false;
        }
    }
    for (const QStringView suffix : {u"", u"-wal", u"-shm", u"-journal"}) {
        const QString path = databasePath + suffix.toString();
        const QFileInfo info(path);
        if (!info.isFile() || info.isSymLink() || !(info.permissions() & GroupOrOther))
            continue;
        if (!QFile::setPermissions(path, OwnerOnly)) {
            *error = MessageStore::tr("%1 is readable by other users and its mode cannot be "
                                      "changed to 0600")
                         .arg(path);
            return false;
        }
        qCInfo(lcStore) << "made" << path << "owner-only (0600)";
    }
    return true;
}

int toInt(StoredMessage::Delivery delivery)
{
    return static_cast<int>(delivery);
}
} // namespace

MessageStore::MessageStore() = default;

MessageStore::~MessageStore()
{
    close();
}

bool MessageStore::open(const QString &databasePath, QString *error)
{
    const auto failOpen = [this, error, &databasePath](const QString &reason) {
        m_lastError = tr("Cannot open message database %1: %2").arg(databasePath, reason);
        if (error)
            *error = m_lastError;
        close();
        return false;
    };
    if (isOpen()) {
        m_lastError = tr("Cannot open message database %1: this store already has %2 open")
                          .arg(databasePath, m_db.databaseName());
        if (error)
            *error = m_lastError;
        return false;
    }
    if (databasePath.isEmpty())
        return failOpen(tr("no path given"));
    QString reason;
    if (!makeOwnerOnly(databasePath, &reason))
        return failOpen(reason);

    // Connections are looked up by name across the process; one per instance keeps them apart.
    m_connectionName =
        QStringLiteral("meshcast.store.") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    if (!m_db.isValid())
        return failOpen(tr("the Qt SQLite driver is not available"));
    m_db.setDatabaseName(databasePath);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(BusyTimeoutMs));
    if (!m_db.open())
        return failOpen(m_db.lastError().text());

    if (!configure(m_db, &reason))
        return failOpen(reason);
    if (!MessageSchema::migrate(m_db, &reason))
        return failOpen(reason);
    m_lastError.clear();
    qCDebug(lcStore) << "opened message database" << databasePath;
    return true;
}

bool MessageStore::isOpen() const
{
    return m_db.isOpen();
}

void MessageStore::close()
{
    commitReceived();
    m_insertReceived.reset(); // a prepared query holds the connection
    if (m_connectionName.isEmpty())
        return;
    m_db.close();
    m_db = QSqlDatabase(); // removeDatabase() wants no handle left
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

std::optional<StoredMessage> MessageStore::addOutgoing(const QByteArray &packetId,
                                                       const PeerId &self, const QString &nickname,
                                                       const QString &text, qint64 timestampMs,
                                                       const QByteArray &signedFrame)
{
    // An own message is committed before the caller reports it queued: nothing it waits on.
    if (!commitReceived())
        return std::nullopt;
    if (packetId.size() != PacketId::Size) {
        fail(tr("a packet ID must have %1 bytes, not %2").arg(PacketId::Size).arg(packetId.size()));
        return std::nullopt;
    }
    if (signedFrame.isEmpty()) {
        fail(tr("an outgoing message needs its signed frame"));
        return std::nullopt;
    }
    StoredMessage message;
    message.packetId = packetId;
    message.senderId = self;
    message.senderNickname = nickname;
    message.text = text;
    message.timestampMs = timestampMs;
    message.receivedAtMs = timestampMs;
    message.verified = true; // signed here
    message.own = true;
    message.delivery = StoredMessage::Delivery::Queued;

    QSqlQuery query(m_db);
    if (!prepare(query, QStringLiteral("INSERT INTO messages (packet_id, sender_id, "
                                       "sender_nickname, text, timestamp_ms, received_at_ms, "
                                       "hops, verified, own, delivery, signed_frame) "
                                       "VALUES (?, ?, ?, ?, ?, ?, 0, 1, 1, ?, ?) "
                                       "ON CONFLICT (packet_id) DO NOTHING")))
        return std::nullopt;
    query.addBindValue(packetId);
    query.addBindValue(self.toBytes());
    query.addBindValue(nickname);
    query.addBindValue(text);
    query.addBindValue(timestampMs);
    query.addBindValue(timestampMs);
    query.addBindValue(toInt(StoredMessage::Delivery::Queued));
    query.addBindValue(signedFrame);
    // A single statement in autocommit mode: committed once exec() returns.
    if (!exec(query))
        return std::nullopt;
    if (query.numRowsAffected() == 0) {
        fail(tr("packet ID %1 is already stored").arg(QString::fromLatin1(packetId.toHex())));
        return std::nullopt;
    }
    message.rowId = query.lastInsertId().toLongLong();
    qCDebug(lcStore) << "queued own message" << packetId.toHex() << "as row" << message.rowId;
    return message;
}

bool MessageStore::markSent(const QByteArray &packetId, qint64 sentAtMs)
{
    if (!commitReceived())
        return false;
    QSqlQuery query(m_db);
    if (!prepare(query, QStringLiteral("UPDATE messages SET delivery = ?, sent_at_ms = ? "
                                       "WHERE packet_id = ? AND own = 1 AND delivery = ?")))
        return false;
    query.addBindValue(toInt(StoredMessage::Delivery::Sent));
    query.addBindValue(sentAtMs);
    query.addBindValue(packetId);
    query.addBindValue(toInt(StoredMessage::Delivery::Queued));
    if (!exec(query))
        return false;
    if (query.numRowsAffected() > 0)
        return true;

    // Nothing queued under that ID: fine if it was sent before, a caller error otherwise.
    if (!prepare(query, QStringLiteral("SELECT 1 FROM messages "
                                       "WHERE packet_id = ? AND own = 1 AND delivery = ?")))
        return false;
    query.addBindValue(packetId);
    query.addBindValue(toInt(StoredMessage::Delivery::Sent));
    if (!exec(query))
        return false;
    if (query.next())
        return true;
    return fail(tr("no own message has packet ID %1").arg(QString::fromLatin1(packetId.toHex())));
}

QList<OutboxEntry> MessageStore::pendingOutbox() const
{
    QList<OutboxEntry> entries;
    QSqlQuery query(m_db);
    // The literal "delivery = 0" (not a bound value) lets SQLite use the partial index.
    if (!prepare(query, QStringLiteral("SELECT id, packet_id, timestamp_ms, signed_frame "
                                       "FROM messages WHERE delivery = 0 ORDER BY id")) ||
        !exec(query))
        return entries;
    while (query.next()) {
        entries.append(OutboxEntry{query.value(0).toLongLong(), query.value(1).toByteArray(),
                                   query.value(2).toLongLong(), query.value(3).toByteArray()});
    }
    return entries;
}

MessageStore::AddResult MessageStore::addReceived(const StoredMessage &message)
{
    using Status = AddResult::Status;
    if (message.packetId.size() != PacketId::Size) {
        fail(tr("a packet ID must have %1 bytes, not %2")
                 .arg(PacketId::Size)
                 .arg(message.packetId.size()));
        return {};
    }
    if (message.delivery != StoredMessage::Delivery::Received) {
        fail(tr("a received message must have delivery state Received"));
        return {};
    }
    // Prepared once: this runs for every message the mesh delivers. Only a packet ID conflict
    // is tolerated; any other constraint still fails loudly.
    if (!m_insertReceived) {
        m_insertReceived = std::make_unique<QSqlQuery>(m_db);
        if (!prepare(*m_insertReceived,
                     QStringLiteral("INSERT INTO messages (packet_id, sender_id, "
                                    "sender_nickname, text, timestamp_ms, received_at_ms, "
                                    "hops, verified, own, delivery) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                    "ON CONFLICT (packet_id) DO NOTHING"))) {
            m_insertReceived.reset();
            return {};
        }
    }
    if (!m_batchOpen) {
        if (!m_db.transaction()) {
            fail(m_db.lastError().text());
            return {};
        }
        m_batchOpen = true;
    }
    QSqlQuery &query = *m_insertReceived;
    query.bindValue(0, message.packetId);
    query.bindValue(1, message.senderId.toBytes());
    query.bindValue(2, message.senderNickname);
    query.bindValue(3, message.text);
    query.bindValue(4, message.timestampMs);
    query.bindValue(5, message.receivedAtMs);
    query.bindValue(6, message.hops);
    query.bindValue(7, message.verified ? 1 : 0);
    query.bindValue(8, message.own ? 1 : 0);
    query.bindValue(9, toInt(message.delivery));
    if (!exec(query))
        return {};
    if (query.numRowsAffected() == 0) {
        qCDebug(lcStore) << "duplicate message" << message.packetId.toHex();
        return {Status::Duplicate, 0};
    }
    return {Status::Added, query.lastInsertId().toLongLong()};
}

bool MessageStore::commitReceived()
{
    if (!m_batchOpen)
        return true;
    m_batchOpen = false;
    if (!m_db.commit())
        return fail(m_db.lastError().text());
    return true;
}

bool MessageStore::contains(const QByteArray &packetId) const
{
    QSqlQuery query(m_db);
    if (!prepare(query, QStringLiteral("SELECT 1 FROM messages WHERE packet_id = ?")))
        return false;
    query.addBindValue(packetId);
    return exec(query) && query.next();
}

QList<StoredMessage> MessageStore::latest(int limit) const
{
    QSqlQuery query(m_db);
    if (!prepare(
            query,
            QStringLiteral("SELECT %1 FROM messages ORDER BY id DESC LIMIT ?").arg(MessageColumns)))
        return {};
    query.addBindValue(qMax(limit, 0));
    return readMessages(query);
}

QList<StoredMessage> MessageStore::before(qint64 rowId, int limit) const
{
    QSqlQuery query(m_db);
    if (!prepare(query,
                 QStringLiteral("SELECT %1 FROM messages WHERE id < ? ORDER BY id DESC LIMIT ?")
                     .arg(MessageColumns)))
        return {};
    query.addBindValue(rowId);
    query.addBindValue(qMax(limit, 0));
    return readMessages(query);
}

qint64 MessageStore::count() const
{
    QSqlQuery query(m_db);
    if (!prepare(query, QStringLiteral("SELECT count(*) FROM messages")) || !exec(query) ||
        !query.next())
        return 0;
    return query.value(0).toLongLong();
}

bool MessageStore::prepare(QSqlQuery &query, const QString &sql) const
{
    if (!m_db.isOpen())
        return fail(tr("the message database is not open"));
    query.setForwardOnly(true); // rows are read once, in order: no client-side cache
    if (!query.prepare(sql))
        return fail(query.lastError().text());
    return true;
}

bool MessageStore::exec(QSqlQuery &query) const
{
    if (!query.exec())
        return fail(query.lastError().text());
    m_lastError.clear();
    return true;
}

bool MessageStore::fail(const QString &reason) const
{
    m_lastError = reason;
    qCWarning(lcStore) << "message store:" << reason;
    return false;
}

QList<StoredMessage> MessageStore::readMessages(QSqlQuery &query) const
{
    QList<StoredMessage> messages;
    if (!exec(query))
        return messages;
    while (query.next()) {
        StoredMessage message;
        message.rowId = query.value(0).toLongLong();
        message.packetId = query.value(1).toByteArray();
        message.senderId = PeerId::fromBytes(query.value(2).toByteArray()).value_or(PeerId());
        message.senderNickname = query.value(3).toString();
        message.text = query.value(4).toString();
        message.timestampMs = query.value(5).toLongLong();
        message.receivedAtMs = query.value(6).toLongLong();
        message.sentAtMs = query.value(7).toLongLong();
        message.hops = query.value(8).toInt();
        message.verified = query.value(9).toBool();
        message.own = query.value(10).toBool();
        // The schema's CHECK keeps delivery in 0..2.
        message.delivery = static_cast<StoredMessage::Delivery>(query.value(11).toInt());
        messages.append(message);
    }
    return messages;
}
