// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <optional>

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include "OutboxEntry.h"
#include "PeerId.h"
#include "StoredMessage.h"

/**
 * Every public message this node sent or received, in one SQLite file through Qt SQL: the chat
 * history and the outbox of own messages not yet handed to a link. WAL journal with
 * synchronous=NORMAL, so a committed row survives an application crash and several instances
 * (threads or processes) can share a file; each instance has its own connection and must be used
 * from the thread that opened it. The schema is MessageSchema's.
 *
 * Owns its database connection and nothing else: every call goes to disk and returns at most what
 * was asked for, so memory does not grow with the history. Paging runs on the row ID (insertion
 * order), newest first, and costs O(log n + limit). Relaying, verification and de-duplication
 * windows are the mesh layer's; this class only refuses to store one packet ID twice.
 */
class MessageStore
{
    Q_DECLARE_TR_FUNCTIONS(MessageStore)

public:
    struct AddResult
    {
        enum class Status
        {
            Added,
            Duplicate, ///< the packet ID is already stored (a replay or an echo); nothing written
            Failed,    ///< see lastError()
        };
        Status status = Status::Failed;
        /** The new row's ID when Added, else 0. */
        qint64 rowId = 0;
    };

    MessageStore();
    ~MessageStore();
    Q_DISABLE_COPY_MOVE(MessageStore)

    /**
     * Opens (creating if need be) the database at @p databasePath and brings its schema up to
     * date. The directory must exist. False, with a reason fit for the user in @p error (and in
     * lastError()), when the file cannot be opened, written or migrated; the store stays closed.
     */
    bool open(const QString &databasePath, QString *error = nullptr);
    bool isOpen() const;
    void close();
    /** Why the last failing call failed; empty after success. */
    const QString &lastError() const { return m_lastError; }

    /**
     * Stores an own message as queued, with the exact @p signedFrame to send. Returns once the row
     * is committed: only then may the caller report the message as queued. nullopt (see
     * lastError()) for a packet ID that is not 16 bytes or already stored, or a database error.
     */
    std::optional<StoredMessage> addOutgoing(const QByteArray &packetId, const PeerId &self,
                                             const QString &nickname, const QString &text,
                                             qint64 timestampMs, const QByteArray &signedFrame);
    /**
     * Records that the own message @p packetId went out at @p sentAtMs. True when it is now marked
     * sent, also if it already was (the first time is kept); false for an unknown packet ID.
     */
    bool markSent(const QByteArray &packetId, qint64 sentAtMs);
    /** Own messages still queued, oldest first, with their frames. */
    QList<OutboxEntry> pendingOutbox() const;

    /**
     * Stores a message received from the mesh (its rowId is ignored; delivery must be Received).
     * Duplicate when its packet ID is already stored: a message is never stored twice. Received
     * messages are written in a batch (one transaction) that commitReceived() ends; the owner
     * calls it soon, e.g. once per event-loop turn. Own messages never wait in a batch.
     */
    AddResult addReceived(const StoredMessage &message);
    /** Commits the received messages written since the last commit; true when none wait. */
    bool commitReceived();
    bool hasUncommittedReceived() const { return m_batchOpen; }
    /** The Qt SQL connection name, for other tables of the same file (PeerBindingStore). */
    QString connectionName() const { return m_connectionName; }
    bool contains(const QByteArray &packetId) const;

    /** The newest @p limit messages, newest first. */
    QList<StoredMessage> latest(int limit) const;
    /** Up to @p limit messages older than row @p rowId, newest first: the next page back. */
    QList<StoredMessage> before(qint64 rowId, int limit) const;
    qint64 count() const;

private:
    /** A prepared query, or (lastError() set) false; @p sql must be valid for this schema. */
    bool prepare(QSqlQuery &query, const QString &sql) const;
    bool exec(QSqlQuery &query) const;
    bool fail(const QString &reason) const;
    QList<StoredMessage> readMessages(QSqlQuery &query) const;

    QSqlDatabase m_db;
    QString m_connectionName;
    std::unique_ptr<QSqlQuery> m_insertReceived; // prepared on first use
    bool m_batchOpen = false;
    mutable QString m_lastError;
};
