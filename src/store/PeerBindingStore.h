// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include "PeerBinding.h"

/**
 * The signing-key bindings of peers, kept in the history database (its own table, its own
 * connection), so that after a restart no stranger can bind a known peer's ID to another key.
 * Written one row at a time as bindings are made, pinned or seen again; read once at start-up.
 * Owns its connection only; rows that do not parse are skipped and logged, never trusted.
 */
class PeerBindingStore
{
    Q_DECLARE_TR_FUNCTIONS(PeerBindingStore)

public:
    PeerBindingStore();
    ~PeerBindingStore();
    Q_DISABLE_COPY_MOVE(PeerBindingStore)

    /** Opens @p databasePath (creating the table); false with a reason in @p error. */
    bool open(const QString &databasePath, QString *error = nullptr);
    bool isOpen() const;

    /** Every stored binding, at most @p limit of them (most recently seen first). */
    QList<PeerBinding> load(int limit) const;
    /** Inserts or replaces the row of @p binding.peer; false on a database error (logged). */
    bool save(const PeerBinding &binding);
    bool remove(const PeerId &peer);

private:
    QSqlDatabase m_db;
    QString m_connectionName;
};
