// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

class QSqlDatabase;

/**
 * The layout of MessageStore's SQLite database and the steps from each older layout to the
 * current one. The version lives in PRAGMA user_version (0 = empty file); each step runs inside
 * one write transaction together with the version bump, so a crash leaves the old or the new
 * layout, never a mix. Owns no connection: it works on the one it is handed.
 *
 * Version 1: one table, `messages`, keyed by an INTEGER PRIMARY KEY (the rowid, so newest-first
 * paging walks the table's own b-tree), packet_id UNIQUE (its index answers duplicate checks), and
 * a partial index over queued rows for the outbox.
 */
class MessageSchema
{
    Q_DECLARE_TR_FUNCTIONS(MessageSchema)

public:
    static constexpr int CurrentVersion = 1;
    /** PRAGMA application_id of a Meshcast message database: "MSHC". */
    static constexpr qint32 ApplicationId = 0x4D534843;

    /**
     * Brings @p db up to CurrentVersion. False, with a reason in @p error, when the file belongs
     * to another application, was written by a newer Meshcast, or cannot be written.
     */
    static bool migrate(QSqlDatabase &db, QString *error);
};
