// SPDX-License-Identifier: GPL-3.0-or-later
#include "PeerModel.h"

#include <QDateTime>

#include "PeerColor.h"
#include "PeerTable.h"
#include "PeerText.h"

PeerModel::PeerModel(QObject *parent)
    : QAbstractListModel(parent)
{}

void PeerModel::setNode(MeshNode *node)
{
    if (m_node == node)
        return;
    if (m_node)
        disconnect(m_node, nullptr, this, nullptr);
    beginResetModel(); // the whole source changes
    m_node = node;
    m_peers = m_node ? m_node->peers().peers() : QList<PeerInfo>();
    m_names.clear();
    if (m_node) {
        m_names.setPresent(m_node->peerId(), m_node->nickname());
        for (const PeerInfo &peer : std::as_const(m_peers))
            m_names.setPresent(peer.id, peer.nickname);
    }
    endResetModel();
    if (m_node) {
        connect(m_node, &MeshNode::peerJoined, this, &PeerModel::insert);
        connect(m_node, &MeshNode::peerUpdated, this, &PeerModel::update);
        connect(m_node, &MeshNode::peerLeft, this, &PeerModel::remove);
        connect(m_node, &MeshNode::nicknameChanged, this, [this](const QString &nickname) {
            repaintNamesOf(m_names.setPresent(m_node->peerId(), nickname));
        });
    }
    Q_EMIT nodeChanged();
}

int PeerModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_peers.size());
}

QVariant PeerModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PeerInfo &peer = m_peers.at(index.row());
    switch (Roles(role)) {
    case NicknameRole:
        return peer.nickname;
    case PeerIdRole:
        return peer.id.toHex();
    case ShortFingerprintRole:
        return Identity::shortFingerprint(peer.fingerprint);
    case HopsRole:
        return peer.hops;
    case LinkTypeRole:
        if (!peer.isDirect())
            return QStringLiteral("relayed");
        return peer.linkType == LinkType::Ble ? QStringLiteral("BLE") : QStringLiteral("IP");
    case RssiRole:
        return peer.rssi ? QVariant(*peer.rssi) : QVariant();
    case LastSeenRole:
        return QDateTime::fromMSecsSinceEpoch(peer.lastSeenMs);
    case DirectRole:
        return peer.isDirect();
    case ColorRole:
        return PeerColor::of(peer.id);
    case DisplayNameRole:
        return PeerText::displayName(
            peer.nickname, peer.id,
            m_names.isAmbiguous(PeerText::collisionKey(peer.nickname), peer.id));
    }
    return {};
}

QHash<int, QByteArray> PeerModel::roleNames() const
{
    return {{NicknameRole, "nickname"},
            {PeerIdRole, "peerId"},
            {ShortFingerprintRole, "shortFingerprint"},
            {HopsRole, "hops"},
            {LinkTypeRole, "linkType"},
            {RssiRole, "rssi"},
            {LastSeenRole, "lastSeen"},
            {DirectRole, "direct"},
            {ColorRole, "color"},
            {DisplayNameRole, "displayName"}};
}

int PeerModel::rowOf(const PeerId &peer) const
{
    for (qsizetype i = 0; i < m_peers.size(); ++i) {
        if (m_peers.at(i).id == peer)
            return int(i);
    }
    return -1;
}

void PeerModel::insert(const PeerInfo &peer)
{
    if (rowOf(peer.id) >= 0)
        return update(peer, PeerFields(0xFF));
    repaintNamesOf(m_names.setPresent(peer.id, peer.nickname)); // the rows already there
    const int at = int(m_peers.size());
    beginInsertRows({}, at, at);
    m_peers.append(peer);
    endInsertRows();
}

void PeerModel::update(const PeerInfo &peer, PeerFields changed)
{
    const int row = rowOf(peer.id);
    if (row < 0)
        return insert(peer);
    m_peers[row] = peer;
    QList<int> roles;
    QStringList flipped;
    if (changed & PeerField::Nickname) {
        roles << NicknameRole << DisplayNameRole;
        flipped = m_names.setPresent(peer.id, peer.nickname);
    }
    if (changed & PeerField::Hops)
        roles << HopsRole << DirectRole << LinkTypeRole;
    if (changed & PeerField::Link)
        roles << LinkTypeRole;
    if (changed & PeerField::Rssi)
        roles << RssiRole;
    if (changed & PeerField::LastSeen)
        roles << LastSeenRole;
    if (!roles.isEmpty()) {
        const QModelIndex at = index(row);
        Q_EMIT dataChanged(at, at, roles);
    }
    repaintNamesOf(flipped);
}

void PeerModel::remove(const PeerInfo &peer)
{
    const int row = rowOf(peer.id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_peers.removeAt(row);
    endRemoveRows();
    repaintNamesOf(m_names.setAbsent(peer.id));
}

void PeerModel::repaintNamesOf(const QStringList &keys)
{
    // Only when a name turns ambiguous or stops being so.
    if (keys.isEmpty())
        return;
    for (qsizetype i = 0; i < m_peers.size(); ++i) {
        if (!keys.contains(PeerText::collisionKey(m_peers.at(i).nickname)))
            continue;
        const QModelIndex at = index(int(i));
        Q_EMIT dataChanged(at, at, {DisplayNameRole});
    }
}
