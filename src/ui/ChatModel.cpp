// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChatModel.h"

#include <QLocale>

#include "MessageStore.h"
#include "PeerColor.h"
#include "PeerTable.h"
#include "PeerText.h"
#include "UiLog.h"

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
    m_names.clear();
    m_bursts.clear();
    m_openBursts.clear();
    m_kept.clear();
    m_keptTotal = 0;
    m_oldestStoreRowId = 0;
    m_hasOlder = false;
    if (m_node) {
        m_names.setPresent(m_node->peerId(), m_node->nickname());
        for (const PeerInfo &peer : m_node->peers().peers())
            m_names.setPresent(peer.id, peer.nickname);
        const QList<StoredMessage> page = m_node->store().latest(m_pageSize);
        if (!page.isEmpty()) {
            m_oldestStoreRowId = page.last().rowId;
            m_hasOlder = page.size() == m_pageSize;
            beginInsertRows({}, 0, int(page.size()) - 1);
            for (auto it = page.crbegin(); it != page.crend(); ++it) {
                m_rows.append(rowFrom(*it));
                countNames(m_rows.constLast());
            }
            endInsertRows();
        }
        connectNode();
    }
    Q_EMIT nodeChanged();
}

void ChatModel::connectNode()
{
    connect(m_node, &MeshNode::messageQueued, this,
            [this](const StoredMessage &message) { append(rowFrom(message)); });
    connect(m_node, &MeshNode::messageReceived, this, &ChatModel::receive);
    connect(m_node, &MeshNode::messageSent, this, &ChatModel::markSent);
    connect(m_node, &MeshNode::nicknameChanged, this, [this](const QString &nickname) {
        repaintNamesOf(m_names.setPresent(m_node->peerId(), nickname));
    });
    connect(m_node, &MeshNode::peerJoined, this, [this](const PeerInfo &peer) {
        repaintNamesOf(m_names.setPresent(peer.id, peer.nickname));
        appendSystem(Joined, peer.id, peer.nickname);
    });
    connect(m_node, &MeshNode::peerLeft, this, [this](const PeerInfo &peer) {
        repaintNamesOf(m_names.setAbsent(peer.id));
        appendSystem(Left, peer.id, peer.nickname);
    });
    connect(m_node, &MeshNode::peerUpdated, this, [this](const PeerInfo &peer, PeerFields changed) {
        if (!(changed & PeerField::Nickname))
            return;
        const QString former = m_names.presentName(peer.id, peer.id.toHex().left(8));
        repaintNamesOf(m_names.setPresent(peer.id, peer.nickname));
        appendSystem(NicknameChanged, peer.id, peer.nickname, {}, former);
    });
    connect(m_node, &MeshNode::linkUp, this, [this](LinkType type, const QString &address) {
        appendSystem(LinkUp, {}, {},
                     tr("%1 link up: %2")
                         .arg(type == LinkType::Ble ? tr("Bluetooth") : tr("IP"),
                              PeerText::isolate(address)));
    });
    connect(m_node, &MeshNode::linkDown, this,
            [this](LinkType type, const QString &address, const QString &reason) {
                appendSystem(LinkDown, {}, {},
                             tr("%1 link down: %2 (%3)")
                                 .arg(type == LinkType::Ble ? tr("Bluetooth") : tr("IP"),
                                      PeerText::isolate(address), PeerText::isolate(reason)));
            });
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
        return textOf(row);
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
    case DisplayNameRole:
        return row.sender.isNull() ? QString() : nameOf(row);
    case HiddenCountRole:
        return row.revealed ? 0 : int(m_kept.value(row.burst).size());
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
            {SystemEventRole, "systemEvent"},
            {DisplayNameRole, "displayName"},
            {HiddenCountRole, "hiddenCount"}};
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
    for (OpenBurst &open : m_openBursts)
        open.row += page.size();
    endInsertRows();
    for (const Row &row : std::as_const(older))
        countNames(row);
}

void ChatModel::addNote(const QString &text)
{
    appendSystem(Note, {}, {}, text);
}

bool ChatModel::showHidden(int at)
{
    if (at < 0 || at >= m_rows.size() || m_rows.at(at).kind != Collapsed || m_rows.at(at).revealed)
        return false;
    Row &collapsed = m_rows[at];
    if (m_openBursts.value(collapsed.sender).burst == collapsed.burst)
        m_openBursts.remove(collapsed.sender); // the burst ends here
    const QList<Row> kept = m_kept.take(collapsed.burst);
    m_keptTotal -= kept.size();
    collapsed.revealed = true;
    collapsed.shownCount = int(kept.size());
    const QModelIndex changed = index(at);
    Q_EMIT dataChanged(changed, changed, {TextRole, HiddenCountRole});
    if (kept.isEmpty())
        return true;
    beginInsertRows({}, at + 1, at + int(kept.size()));
    m_rows = m_rows.first(at + 1) + kept + m_rows.sliced(at + 1);
    for (OpenBurst &open : m_openBursts) {
        if (open.row > at)
            open.row += kept.size();
    }
    endInsertRows();
    for (const Row &row : kept)
        countNames(row);
    return true;
}

ChatModel::Row ChatModel::rowFrom(const StoredMessage &message)
{
    Row row;
    row.storeRowId = message.rowId;
    row.packetId = message.packetId;
    row.sender = message.senderId;
    row.nickname = message.senderNickname;
    row.nameKey = PeerText::collisionKey(row.nickname);
    row.text = message.text;
    row.time =
        QDateTime::fromMSecsSinceEpoch(message.own ? message.timestampMs : message.receivedAtMs);
    row.hops = message.hops;
    row.verified = message.verified || message.own;
    row.own = message.own;
    // StoredMessage::Delivery is stored as 0, 1, 2 in this order.
    static_assert(int(StoredMessage::Delivery::Queued) == Queued &&
                  int(StoredMessage::Delivery::Sent) == Sent &&
                  int(StoredMessage::Delivery::Received) == Received);
    row.delivery = Delivery(int(message.delivery));
    return row;
}

QString ChatModel::nameOf(const Row &row) const
{
    return PeerText::displayName(row.nickname, row.sender,
                                 m_names.isAmbiguous(row.nameKey, row.sender));
}

QString ChatModel::formerNameOf(const Row &row) const
{
    return PeerText::displayName(row.formerName, row.sender,
                                 m_names.isAmbiguous(row.formerNameKey, row.sender));
}

QString ChatModel::textOf(const Row &row) const
{
    if (row.kind == Message)
        return row.text;
    if (row.kind == Collapsed) {
        const QLocale locale;
        const qint64 spanMs = row.time.msecsTo(row.lastTime);
        const QString seconds = locale.toString(std::max<qint64>(1, (spanMs + 999) / 1000));
        const QString count = locale.toString(row.hiddenCount);
        if (!row.revealed && row.hiddenCount == 1)
            return tr("%1 sent 1 message in %2 s — hidden").arg(nameOf(row), seconds);
        if (!row.revealed)
            return tr("%1 sent %2 messages in %3 s — hidden").arg(nameOf(row), count, seconds);
        if (row.shownCount == row.hiddenCount)
            return tr("%1 sent %2 messages in %3 s — shown below").arg(nameOf(row), count, seconds);
        return tr("%1 sent %2 messages in %3 s — the first %4 shown below, the rest not kept")
            .arg(nameOf(row), count, seconds, locale.toString(row.shownCount));
    }
    switch (row.event) {
    case Joined:
        return tr("%1 joined").arg(nameOf(row));
    case Left:
        return tr("%1 left").arg(nameOf(row));
    case NicknameChanged:
        return tr("%1 is now known as %2").arg(formerNameOf(row), nameOf(row));
    case None:
    case LinkUp:
    case LinkDown:
    case Note:
        break;
    }
    return row.text;
}

void ChatModel::receive(const StoredMessage &message)
{
    if (!message.own && m_bursts.record(message.senderId, message.receivedAtMs))
        return hide(message);
    m_openBursts.remove(message.senderId); // under the limit again: the burst is over
    append(rowFrom(message));
}

void ChatModel::hide(const StoredMessage &message)
{
    Row hidden = rowFrom(message);
    auto open = m_openBursts.find(message.senderId);
    if (open == m_openBursts.end()) {
        qCDebug(lcUi) << "collapsing a flood from" << message.senderId.toHex();
        Row collapsed;
        collapsed.kind = Collapsed;
        collapsed.burst = ++m_lastBurst;
        collapsed.sender = hidden.sender;
        collapsed.nickname = hidden.nickname;
        collapsed.nameKey = hidden.nameKey;
        collapsed.time = hidden.time;
        collapsed.lastTime = hidden.time;
        collapsed.hiddenCount = 1;
        m_openBursts.insert(message.senderId, {collapsed.burst, m_rows.size()});
        m_kept[collapsed.burst].append(hidden);
        ++m_keptTotal;
        append(collapsed);
        return;
    }
    Row &collapsed = m_rows[open->row];
    ++collapsed.hiddenCount;
    collapsed.lastTime = std::max(collapsed.lastTime, hidden.time);
    QList<int> roles{TextRole};
    QList<Row> &kept = m_kept[collapsed.burst];
    if (kept.size() < MaxKeptPerBurst && m_keptTotal < MaxKeptHidden) {
        kept.append(hidden);
        ++m_keptTotal;
        roles.append(HiddenCountRole);
    }
    const QModelIndex changed = index(int(open->row));
    Q_EMIT dataChanged(changed, changed, roles);
}

void ChatModel::append(const Row &row)
{
    const int at = int(m_rows.size());
    beginInsertRows({}, at, at);
    m_rows.append(row);
    endInsertRows();
    countNames(m_rows.constLast());
}

void ChatModel::appendSystem(SystemEvent event, const PeerId &peer, const QString &nickname,
                             const QString &text, const QString &formerName)
{
    Row row;
    row.kind = System;
    row.event = event;
    row.sender = peer;
    row.nickname = nickname;
    row.nameKey = PeerText::collisionKey(nickname);
    row.formerName = formerName;
    row.formerNameKey = PeerText::collisionKey(formerName);
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

void ChatModel::countNames(const Row &row)
{
    if (row.sender.isNull())
        return;
    QStringList flipped;
    if (m_names.add(row.nameKey, row.sender))
        flipped.append(row.nameKey);
    if (row.event == NicknameChanged && m_names.add(row.formerNameKey, row.sender))
        flipped.append(row.formerNameKey);
    repaintNamesOf(flipped);
}

void ChatModel::repaintNamesOf(const QStringList &keys)
{
    // Runs only when a name turns ambiguous or stops being so, not for every new name.
    if (keys.isEmpty())
        return;
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        const Row &row = m_rows.at(i);
        const bool shows = keys.contains(row.nameKey) ||
                           (row.event == NicknameChanged && keys.contains(row.formerNameKey));
        if (row.sender.isNull() || !shows)
            continue;
        const QModelIndex changed = index(int(i));
        if (row.kind == Message)
            Q_EMIT dataChanged(changed, changed, {DisplayNameRole});
        else
            Q_EMIT dataChanged(changed, changed, {DisplayNameRole, TextRole});
    }
}
