// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include "PeerBinding.h"

class MessageStore;

/**
 * The signing-key bindings of peers, kept in the history database (a table of its own on the
 * history's connection), so that after a restart no stranger can bind a known peer's ID to
 * another key. Written one row at a time as bindings are made, pinned or seen again; read once
 * at start-up. Owns nothing; rows that do not parse are skipped and logged, never trusted.
 */
class PeerBindingStore
{
    Q_DECLARE_TR_FUNCTIONS(PeerBindingStore)

public:
    PeerBindingStore() = default;
    Q_DISABLE_COPY_MOVE(PeerBindingStore)

    /**
     * Uses the open @p history's connection (creating the table), so binding writes join its
     * transactions instead of waiting on them; @p history must outlive this store. False, with a
     * reason in @p error, when the table cannot be created.
     */
    bool open(const MessageStore &history, QString *error = nullptr);
    bool isOpen() const;
    /** Lets go of the history's connection; call before closing the history. */
    void close() { m_db = QSqlDatabase(); }

    /** Every stored binding, at most @p limit of them (most recently seen first). */
    QList<PeerBinding> load(int limit) const;
    /** Inserts or replaces the row of @p binding.peer; false on a database error (logged). */
    bool save(const PeerBinding &binding);
    bool remove(const PeerId &peer);

private:
    QSqlDatabase m_db;
};
