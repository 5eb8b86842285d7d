// SPDX-License-Identifier: GPL-3.0-or-later
#include "PeerBindingStore.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include "StoreLog.h"

namespace {
constexpr int BusyTimeoutMs = 5000;
constexpr qsizetype SigningKeySize = 32;
} // namespace

PeerBindingStore::PeerBindingStore() = default;

PeerBindingStore::~PeerBindingStore()
{
    if (!m_connectionName.isEmpty()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool PeerBindingStore::open(const QString &databasePath, QString *error)
{
    m_connectionName = QStringLiteral("meshcast-bindings-") + QUuid::createUuid().toString();
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(databasePath);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(BusyTimeoutMs));
    QSqlQuery query(m_db);
    if (!m_db.open() || !query.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS peer_bindings ("
                                                   "peer_id BLOB PRIMARY KEY NOT NULL, "
                                                   "signing_key BLOB NOT NULL, "
                                                   "announce_timestamp INTEGER NOT NULL, "
                                                   "last_seen_ms INTEGER NOT NULL, "
                                                   "pinned INTEGER NOT NULL) WITHOUT ROWID"))) {
        const QString reason = m_db.isOpen() ? query.lastError().text() : m_db.lastError().text();
        if (error)
            *error = tr("Cannot open the peer key table in %1: %2").arg(databasePath, reason);
        m_db.close();
        return false;
    }
    return true;
}

bool PeerBindingStore::isOpen() const
{
    return m_db.isOpen();
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
