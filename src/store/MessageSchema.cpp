// SPDX-License-Identifier: GPL-3.0-or-later
#include "MessageSchema.h"

#include <array>

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include "StoreLog.h"

namespace {
/** The statements that take version N - 1 to version N, at index N - 1. */
const std::array<QStringList, MessageSchema::CurrentVersion> Steps{{
    {
        QStringLiteral("CREATE TABLE messages ("
                       " id INTEGER PRIMARY KEY,"
                       " packet_id BLOB NOT NULL UNIQUE CHECK (length(packet_id) = 16),"
                       " sender_id BLOB NOT NULL CHECK (length(sender_id) = 8),"
                       " sender_nickname TEXT NOT NULL,"
                       " text TEXT NOT NULL,"
                       " timestamp_ms INTEGER NOT NULL,"
                       " received_at_ms INTEGER NOT NULL,"
                       " sent_at_ms INTEGER NOT NULL DEFAULT 0,"
                       " hops INTEGER NOT NULL,"
                       " verified INTEGER NOT NULL CHECK (verified IN (0, 1)),"
                       " own INTEGER NOT NULL CHECK (own IN (0, 1)),"
                       " delivery INTEGER NOT NULL CHECK (delivery IN (0, 1, 2)),"
                       // The exact signed packet of an own message, for byte-identical resends.
                       " signed_frame BLOB)"),
        QStringLiteral("CREATE INDEX messages_outbox ON messages (id) WHERE delivery = 0"),
    },
}};

/** Runs @p sql; on failure describes it in @p error and returns false. */
bool run(QSqlDatabase &db, const QString &sql, QString *error, QVariant *firstValue = nullptr)
{
    QSqlQuery query(db);
    if (!query.exec(sql)) {
        *error = query.lastError().text();
        return false;
    }
    if (firstValue)
        *firstValue = query.next() ? query.value(0) : QVariant();
    return true;
}
} // namespace

bool MessageSchema::migrate(QSqlDatabase &db, QString *error)
{
    QString reason;
    // IMMEDIATE: take the write lock now, so two processes opening one new file migrate in turn
    // and a read-only file fails here rather than on the first message.
    if (!run(db, QStringLiteral("BEGIN IMMEDIATE"), &reason)) {
        *error = tr("the database cannot be written (%1)").arg(reason);
        return false;
    }
    const auto fail = [&db, error](const QString &message) {
        QString ignored;
        run(db, QStringLiteral("ROLLBACK"), &ignored);
        *error = message;
        return false;
    };

    QVariant version;
    QVariant applicationId;
    QVariant tableCount;
    if (!run(db, QStringLiteral("PRAGMA user_version"), &reason, &version) ||
        !run(db, QStringLiteral("PRAGMA application_id"), &reason, &applicationId) ||
        !run(db, QStringLiteral("SELECT count(*) FROM sqlite_master"), &reason, &tableCount))
        return fail(tr("the database cannot be read (%1)").arg(reason));

    const int from = version.toInt();
    if (applicationId.toInt() != ApplicationId &&
        (applicationId.toInt() != 0 || from != 0 || tableCount.toInt() != 0))
        return fail(tr("the file is not a Meshcast message database"));
    if (from > CurrentVersion)
        return fail(tr("the database was written by a newer Meshcast (schema %1; this one knows "
                       "up to %2)")
                        .arg(from)
                        .arg(CurrentVersion));

    for (int step = from + 1; step <= CurrentVersion; ++step) {
        for (const QString &sql : Steps[size_t(step - 1)]) {
            if (!run(db, sql, &reason))
                return fail(
                    tr("upgrading the database to schema %1 failed (%2)").arg(step).arg(reason));
        }
        qCInfo(lcStore) << "message database" << db.databaseName() << "now at schema" << step;
    }
    // PRAGMAs take no bound parameters; both values are integers of ours.
    if (from != CurrentVersion &&
        (!run(db, QStringLiteral("PRAGMA user_version = %1").arg(CurrentVersion), &reason) ||
         !run(db, QStringLiteral("PRAGMA application_id = %1").arg(ApplicationId), &reason)))
        return fail(tr("upgrading the database failed (%1)").arg(reason));
    if (!run(db, QStringLiteral("COMMIT"), &reason))
        return fail(tr("upgrading the database failed (%1)").arg(reason));
    return true;
}
