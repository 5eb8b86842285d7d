// SPDX-License-Identifier: GPL-3.0-or-later
#include "PeerBindingStore.h"

#include "MessageStore.h"
#include "StoreLog.h"
#include <QSqlError>
#include <QSqlQuery>

namespace {
constexpr qsizetype SigningKeySize = 32;
} // namespace

bool PeerBindingStore::open(const MessageStore &history, QString *error)
{
    m_db = QSqlDatabase::database(history.connectionName(), false);
    QSqlQuery query(m_db);
    if (!m_db.isOpen() || !query.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS peer_bindings ("
                                                     "peer_id BLOB PRIMARY KEY NOT NULL, "
                                                     "signing_key BLOB NOT NULL, "
                                                     "announce_timestamp INTEGER NOT NULL, "
                                                     "last_seen_ms INTEGER NOT NULL, "
                                                     "pinned INTEGER NOT NULL) WITHOUT ROWID"))) {
        const QString reason =
            m_db.isOpen() ? query.lastError().text() : tr("the history is not open");
        if (error)
            *error = tr("Cannot open the table of peer keys: %1").arg(reason);
        m_db = QSqlDatabase();
        return false;
    }
    return true;
}

bool PeerBindingStore::isOpen() const
{
    return m_db.isValid() && m_db.isOpen();
}

QList<PeerBinding> PeerBindingStore::load(int limit) const
{
    QList<PeerBinding> bindings;
    if (!isOpen())
        return bindings;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT peer_id, signing_key, announce_timestamp, last_seen_ms, "
                                 "pinned FROM peer_bindings ORDER BY pinned DESC, "
                                 "last_seen_ms DESC LIMIT ?"));
    query.addBindValue(limit);
    if (!query.exec()) {
        qCWarning(lcStore) << "cannot read peer bindings:" << query.lastError().text();
        return bindings;
    }
    while (query.next()) {
        const auto peer = PeerId::fromBytes(query.value(0).toByteArray());
        const QByteArray key = query.value(1).toByteArray();
        if (!peer || key.size() != SigningKeySize) {
            qCWarning(lcStore) << "skipping a malformed peer binding row";
            continue;
        }
        bindings.append(PeerBinding{*peer, key, query.value(2).toULongLong(),
                                    query.value(3).toLongLong(), query.value(4).toBool()});
    }
    return bindings;
}

bool PeerBindingStore::save(const PeerBinding &binding)
{
    if (!isOpen())
        return false;
    QSqlQuery query(m_db);
    query.prepare(
        QStringLiteral("INSERT OR REPLACE INTO peer_bindings (peer_id, signing_key, "
                       "announce_timestamp, last_seen_ms, pinned) VALUES (?, ?, ?, ?, ?)"));
    query.addBindValue(binding.peer.toBytes());
    query.addBindValue(binding.signingKey);
    query.addBindValue(qint64(binding.announceTimestamp));
    query.addBindValue(binding.lastSeenMs);
    query.addBindValue(binding.pinned ? 1 : 0);
    if (!query.exec()) {
        qCWarning(lcStore) << "cannot save a peer binding:" << query.lastError().text();
        return false;
    }
    return true;
}

bool PeerBindingStore::remove(const PeerId &peer)
{
    if (!isOpen())
        return false;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("DELETE FROM peer_bindings WHERE peer_id = ?"));
    query.addBindValue(peer.toBytes());
    return query.exec();
}
