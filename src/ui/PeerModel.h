// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

#include "MeshNode.h"
#include "NamesakeIndex.h"

/**
 * The peers present on the mesh, one row each, as the MeshNode set as `node` reports them:
 * a row is inserted when a peer joins, repainted on exactly the roles an announce changed, and
 * removed when it leaves. Unsorted (PeerSortFilterModel sorts). Does not own the node.
 *
 * displayName is the nickname bidi-isolated (PeerText), with "#" and four hex digits of the peer
 * ID when another present peer, or this node itself, goes by the same name (issue 8 defect 12,
 * as the bitchat apps' peer lists do); those rows are repainted when a namesake comes or goes.
 */
class PeerModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(MeshNode *node READ node WRITE setNode NOTIFY nodeChanged)
public:
    enum Roles
    {
        NicknameRole = Qt::UserRole + 1, ///< as last announced
        PeerIdRole,                      ///< 16 hex digits
        ShortFingerprintRole,            ///< first groups of the fingerprint
        HopsRole,                        ///< 1 for a direct neighbour
        LinkTypeRole,                    ///< "BLE", "IP" or "relayed"
        RssiRole,                        ///< dBm, or undefined where the link has none
        LastSeenRole,                    ///< QDateTime of the last announce
        DirectRole,                      ///< reached over one of our own links
        ColorRole,                       ///< PeerColor
        DisplayNameRole,                 ///< isolated nickname, "#1a2b" suffixed among namesakes
    };
    Q_ENUM(Roles)

    explicit PeerModel(QObject *parent = nullptr);

    MeshNode *node() const { return m_node; }
    void setNode(MeshNode *node);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void nodeChanged();

private:
    int rowOf(const PeerId &peer) const;
    void insert(const PeerInfo &peer);
    void update(const PeerInfo &peer, PeerFields changed);
    void remove(const PeerInfo &peer);
    void repaintNamesOf(const QStringList &keys);

    QPointer<MeshNode> m_node;
    QList<PeerInfo> m_peers;
    NamesakeIndex m_names; // the present peers and ourselves
};
