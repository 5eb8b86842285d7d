// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChatModel.h"

#include "MessageStore.h"
#include "PeerColor.h"

ChatModel::ChatModel(QObject *parent)
    : QAbstractListModel(parent)
{}

void ChatModel::setNode(MeshNode *node)
{
    if (m_node == node)
        return;
    if (m_node)
        disconnect(m_node, nullptr, this, nullptr);
    // Rows are removed and inserted, not reset: QAbstractItemModelTester (and views) call
    // fetchMore() while handling a reset, which must not insert rows in the middle of one.
    if (!m_rows.isEmpty()) {
        beginRemoveRows({}, 0, int(m_rows.size()) - 1);
        m_rows.clear();
        endRemoveRows();
    }
    m_node = node;
    m_nicknames.clear();
    m_oldestStoreRowId = 0;
    m_hasOlder = false;
    if (m_node) {
        const QList<StoredMessage> page = m_node->store().latest(m_pageSize);
        if (!page.isEmpty()) {
            m_oldestStoreRowId = page.last().rowId;
            m_hasOlder = page.size() == m_pageSize;
            beginInsertRows({}, 0, int(page.size()) - 1);
            for (auto it = page.crbegin(); it != page.crend(); ++it)
                m_rows.append(rowFrom(*it));
            endInsertRows();
        }
    }
    if (m_node) {
        connect(m_node, &MeshNode::messageQueued, this,
                [this](const StoredMessage &message) { append(rowFrom(message)); });
        connect(m_node, &MeshNode::messageReceived, this,
                [this](const StoredMessage &message) { append(rowFrom(message)); });
        connect(m_node, &MeshNode::messageSent, this, &ChatModel::markSent);
        connect(m_node, &MeshNode::peerJoined, this, [this](const PeerInfo &peer) {
            m_nicknames.insert(peer.id, peer.nickname);
            appendSystem(Joined, tr("%1 joined").arg(peer.nickname), peer.id);
        });
        connect(m_node, &MeshNode::peerLeft, this, [this](const PeerInfo &peer) {
            m_nicknames.remove(peer.id);
            appendSystem(Left, tr("%1 left").arg(peer.nickname), peer.id);
        });
        connect(m_node, &MeshNode::peerUpdated, this,
                [this](const PeerInfo &peer, PeerFields changed) {
                    if (!(changed & PeerField::Nickname))
                        return;
                    const QString before = m_nicknames.value(peer.id, peer.id.toHex().left(8));
                    m_nicknames.insert(peer.id, peer.nickname);
                    appendSystem(NicknameChanged,
                                 tr("%1 is now known as %2").arg(before, peer.nickname), peer.id);
                });
        connect(m_node, &MeshNode::linkUp, this, [this](LinkType type, const QString &address) {
            appendSystem(LinkUp,
                         tr("%1 link up: %2")
                             .arg(type == LinkType::Ble ? tr("Bluetooth") : tr("IP"), address));
        });
        connect(m_node, &MeshNode::linkDown, this,
                [this](LinkType type, const QString &address, const QString &reason) {
                    appendSystem(LinkDown,
                                 tr("%1 link down: %2 (%3)")
                                     .arg(type == LinkType::Ble ? tr("Bluetooth") : tr("IP"),
                                          address, reason));
                });
    }
    Q_EMIT nodeChanged();
}

void ChatModel::setPageSize(int size)
{
    if (size < 1 || size == m_pageSize)
        return;
    m_pageSize = size;
    Q_EMIT pageSizeChanged();
}

int ChatModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ChatModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (Roles(role)) {
    case TextRole:
        return row.text;
    case SenderNicknameRole:
        return row.nickname;
    case SenderPeerIdRole:
        return row.sender.isNull() ? QString() : row.sender.toHex();
    case SenderColorRole:
        return row.sender.isNull() ? QColor() : PeerColor::of(row.sender);
    case TimeRole:
        return row.time;
    case HopsRole:
        return row.hops;
    case VerifiedRole:
        return row.verified;
    case OwnRole:
        return row.own;
    case DeliveryRole:
        return row.delivery;
    case KindRole:
        return row.kind;
    case SystemEventRole:
        return row.event;
    }
    return {};
}

QHash<int, QByteArray> ChatModel::roleNames() const
{
    return {{TextRole, "text"},
            {SenderNicknameRole, "senderNickname"},
            {SenderPeerIdRole, "senderPeerId"},
            {SenderColorRole, "senderColor"},
            {TimeRole, "time"},
            {HopsRole, "hops"},
            {VerifiedRole, "verified"},
            {OwnRole, "own"},
            {DeliveryRole, "delivery"},
            {KindRole, "kind"},
            {SystemEventRole, "systemEvent"}};
}

bool ChatModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_node && m_hasOlder;
}

void ChatModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    const QList<StoredMessage> page = m_node->store().before(m_oldestStoreRowId, m_pageSize);
    m_hasOlder = page.size() == m_pageSize;
    if (page.isEmpty())
        return;
    m_oldestStoreRowId = page.last().rowId;
    beginInsertRows({}, 0, int(page.size()) - 1);
    QList<Row> older;
    older.reserve(page.size());
    for (auto it = page.crbegin(); it != page.crend(); ++it)
        older.append(rowFrom(*it));
    m_rows = older + m_rows;
    endInsertRows();
}

void ChatModel::addNote(const QString &text)
{
    appendSystem(Note, text);
}

ChatModel::Row ChatModel::rowFrom(const StoredMessage &message)
{
    Row row;
    row.storeRowId = message.rowId;
    row.packetId = message.packetId;
    row.sender = message.senderId;
    row.nickname = message.senderNickname;
    row.text = message.text;
    row.time =
        QDateTime::fromMSecsSinceEpoch(message.own ? message.timestampMs : message.receivedAtMs);
    row.hops = message.hops;
    row.verified = message.verified || message.own;
    row.own = message.own;
    switch (message.delivery) {
    case StoredMessage::Delivery::Queued:
        row.delivery = Queued;
        break;
    case StoredMessage::Delivery::Sent:
        row.delivery = Sent;
        break;
    case StoredMessage::Delivery::Received:
        row.delivery = Received;
        break;
    }
    return row;
}

void ChatModel::append(const Row &row)
{
    const int at = int(m_rows.size());
    beginInsertRows({}, at, at);
    m_rows.append(row);
    endInsertRows();
}

void ChatModel::appendSystem(SystemEvent event, const QString &text, const PeerId &peer)
{
    Row row;
    row.kind = System;
    row.event = event;
    row.sender = peer;
    row.text = text;
    row.time = QDateTime::currentDateTime();
    append(row);
}

void ChatModel::markSent(const QByteArray &packetId)
{
    // Own messages being sent are the newest rows: search from the end.
    for (qsizetype i = m_rows.size() - 1; i >= 0; --i) {
        Row &row = m_rows[i];
        if (row.own && row.packetId == packetId) {
            row.delivery = Sent;
            const QModelIndex changed = index(int(i));
            Q_EMIT dataChanged(changed, changed, {DeliveryRole});
            return;
        }
    }
}
