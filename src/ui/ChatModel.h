// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QColor>
#include <QDateTime>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

#include "MeshNode.h"

/**
 * The chat column: public messages (own and received) and system rows (peers joining and
 * leaving, nickname changes, links up and down, local notes), oldest first.
 *
 * Listens to the MeshNode set as `node`; reads history from its store a page at a time
 * (canFetchMore/fetchMore, newest page first), so a long history costs only what is on screen.
 * New rows are appended with beginInsertRows, older pages prepended the same way; a delivery
 * change repaints one row's delivery role. Does not own the node.
 */
class ChatModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(MeshNode *node READ node WRITE setNode NOTIFY nodeChanged)
    Q_PROPERTY(int pageSize READ pageSize WRITE setPageSize NOTIFY pageSizeChanged)
public:
    enum Roles
    {
        TextRole = Qt::UserRole + 1, ///< message text, or the system row's sentence
        SenderNicknameRole,          ///< nickname at the time of the message
        SenderPeerIdRole,            ///< 16 hex digits
        SenderColorRole,             ///< PeerColor of the sender
        TimeRole,                    ///< QDateTime: received (or written, for own messages)
        HopsRole,                    ///< 1 for a direct neighbour, 0 for own and system rows
        VerifiedRole,                ///< the signature checked out
        OwnRole,                     ///< written on this node
        DeliveryRole,                ///< Delivery
        KindRole,                    ///< Kind
        SystemEventRole,             ///< SystemEvent, None for messages
    };
    Q_ENUM(Roles)
    enum Delivery
    {
        Queued,
        Sent,
        Received
    };
    Q_ENUM(Delivery)
    enum Kind
    {
        Message,
        System
    };
    Q_ENUM(Kind)
    enum SystemEvent
    {
        None,
        Joined,
        Left,
        NicknameChanged,
        LinkUp,
        LinkDown,
        Note
    };
    Q_ENUM(SystemEvent)

    explicit ChatModel(QObject *parent = nullptr);

    MeshNode *node() const { return m_node; }
    void setNode(MeshNode *node);
    int pageSize() const { return m_pageSize; }
    void setPageSize(int size);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    /** Adds a local system row (command feedback, `/who` output); not stored. */
    Q_INVOKABLE void addNote(const QString &text);

Q_SIGNALS:
    void nodeChanged();
    void pageSizeChanged();

private:
    struct Row
    {
        Kind kind = Message;
        SystemEvent event = None;
        qint64 storeRowId = 0;
        QByteArray packetId;
        PeerId sender;
        QString nickname;
        QString text;
        QDateTime time;
        int hops = 0;
        bool verified = false;
        bool own = false;
        Delivery delivery = Received;
    };

    static Row rowFrom(const StoredMessage &message);
    void append(const Row &row);
    void appendSystem(SystemEvent event, const QString &text, const PeerId &peer = {});
    void markSent(const QByteArray &packetId);

    QPointer<MeshNode> m_node;
    QList<Row> m_rows;
    QHash<PeerId, QString> m_nicknames; // as last shown, to word nickname changes
    int m_pageSize = 100;
    qint64 m_oldestStoreRowId = 0;
    bool m_hasOlder = false;
};
