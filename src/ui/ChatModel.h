// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QColor>
#include <QDateTime>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

#include "MeshNode.h"
#include "NamesakeIndex.h"
#include "SenderBurstDetector.h"

/**
 * The chat column: public messages (own and received) and system rows (peers joining and
 * leaving, nickname changes, links up and down, local notes), oldest first.
 *
 * Listens to the MeshNode set as `node`; reads history from its store a page at a time
 * (canFetchMore/fetchMore, newest page first), so a long history costs only what is on screen.
 * New rows are appended with beginInsertRows, older pages prepended the same way; a delivery
 * change repaints one row's delivery role. Does not own the node.
 *
 * Peer text is never markup: nicknames and reasons reach the view bidi-isolated (PeerText), and
 * a name that two peer IDs use in the column (or that a present peer shares with us) carries
 * "#" and four hex digits of the peer ID in displayName (issue 8 defect 12).
 *
 * One sender's flood is collapsed (issue 8 defect 7): a received message over
 * SenderBurstDetector's limit (more than 20 from one sender within 10 s of received time) is not
 * inserted; the first one adds a Collapsed row ("bob sent 2,941 messages in 10 s — hidden")
 * whose text and hiddenCount are repainted (dataChanged) as the burst goes on, until that sender
 * is under the limit again. showHidden() inserts the hidden messages after it: the first
 * MaxKeptPerBurst of each burst, at most MaxKeptHidden in all (the rest are only counted, so
 * memory stays bounded). History pages are shown as stored, uncollapsed.
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
        DisplayNameRole,             ///< isolated nickname, "#1a2b" suffixed among namesakes
        HiddenCountRole,             ///< Collapsed rows: messages showHidden() would insert
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
        System,
        Collapsed ///< one sender's flood, hidden
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

    /** Messages of one burst kept for showHidden(); the rest are only counted. */
    static constexpr int MaxKeptPerBurst = 500;
    /** Hidden messages kept over all bursts. */
    static constexpr int MaxKeptHidden = 2000;

    /** Adds a local system row (command feedback, `/who` output); not stored. */
    Q_INVOKABLE void addNote(const QString &text);
    /**
     * Inserts the messages a Collapsed row at @p row hides after it and ends its burst (what the
     * sender floods next collapses into a new row). False when @p row hides nothing.
     */
    Q_INVOKABLE bool showHidden(int row);

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
        QString nameKey;       // PeerText::collisionKey(nickname)
        QString formerName;    // NicknameChanged: the name before
        QString formerNameKey; // ... and its key
        QString text;          // message text; for LinkUp/LinkDown/Note the sentence
        QDateTime time;
        int hops = 0;
        bool verified = false;
        bool own = false;
        Delivery delivery = Received;
        // Collapsed rows:
        quint64 burst = 0;     // key in m_kept
        int hiddenCount = 0;   // hidden so far
        int shownCount = 0;    // inserted by showHidden()
        bool revealed = false; // showHidden() ran
        QDateTime lastTime;    // of the newest hidden message
    };
    struct OpenBurst
    {
        quint64 burst = 0;
        qsizetype row = 0; // the Collapsed row, kept current as rows are inserted before it
    };

    static Row rowFrom(const StoredMessage &message);
    QString nameOf(const Row &row) const;
    QString formerNameOf(const Row &row) const;
    QString textOf(const Row &row) const;
    void connectNode();
    void receive(const StoredMessage &message);
    void hide(const StoredMessage &message);
    void append(const Row &row);
    void appendSystem(SystemEvent event, const PeerId &peer, const QString &nickname,
                      const QString &text = {}, const QString &formerName = {});
    void markSent(const QByteArray &packetId);
    void countNames(const Row &row);
    void repaintNamesOf(const QStringList &keys);

    QPointer<MeshNode> m_node;
    QList<Row> m_rows;
    NamesakeIndex m_names; // every name the column shows; present peers and ourselves
    SenderBurstDetector m_bursts;
    QHash<PeerId, OpenBurst> m_openBursts;
    QHash<quint64, QList<Row>> m_kept; // burst → hidden rows kept for showHidden()
    qsizetype m_keptTotal = 0;
    quint64 m_lastBurst = 0;
    int m_pageSize = 100;
    qint64 m_oldestStoreRowId = 0;
    bool m_hasOlder = false;
};
