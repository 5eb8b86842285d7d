// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

#include "Identity.h"
#include "LinkType.h"
#include "MeshRouter.h"
#include "MessageType.h"
#include "PeerInfo.h"
#include "StoredMessage.h"

class Clock;
class Link;
class LinkManager;
class MessageStore;
class PeerBindingStore;
class PeerTable;
class QRandomGenerator;
struct Packet;

/**
 * One Meshcast node: who it is, who is around, what was said. It originates this node's
 * announces, public messages and leaves (signed, spec 04 §2–3), keeps the peer table current
 * (presence expires 60 s after a peer's last announce), and writes every message sent or received
 * to the history — an own message to the outbox before it is reported queued, then out as soon
 * as a link exists.
 *
 * Owns the PeerTable and the MeshRouter. Uses (does not own) the MessageStore, the LinkManager,
 * the Clock and the random generator. Knows links only through LinkManager and Link.
 */
class MeshNode : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString nickname READ nickname WRITE setNickname NOTIFY nicknameChanged)
    Q_PROPERTY(QString peerId READ peerIdHex CONSTANT)
    Q_PROPERTY(QString fingerprint READ fingerprint CONSTANT)
    Q_PROPERTY(int linkCount READ linkCount NOTIFY linksChanged)
    Q_PROPERTY(int linkLimit READ linkLimit NOTIFY linksChanged)
    Q_PROPERTY(int maxMessageBytes READ maxMessageBytes CONSTANT)
public:
    struct Config
    {
        QString nickname;
        qint64 firstAnnounceDelayMs = 600;
        qint64 aloneAnnounceIntervalMs = 4000;
        qint64 connectedAnnounceMinMs = 15000;
        qint64 connectedAnnounceMaxMs = 30000;
        qint64 newLinkAnnounceDelayMs = 150;
        qint64 peerTimeoutMs = 60000;
        quint8 messageTtl = 7;
    };

    MeshNode(Identity identity, MessageStore &store, LinkManager &links, Clock &clock,
             QRandomGenerator *random, Config config, QObject *parent = nullptr);
    ~MeshNode() override;

    /**
     * Keeps the peers' signing-key bindings in @p store (which must outlive the node): loads the
     * bindings persisted earlier and writes every new one, so a restart forgets no peer's key.
     */
    void setBindingStore(PeerBindingStore *store);
    /** Starts announcing and sends what the outbox still holds once a link exists. */
    void start();
    /** Tells the mesh this node leaves (a signed leave on every link); no announce follows. */
    void sendLeave();

    PeerId peerId() const { return m_identity.peerId(); }
    QString peerIdHex() const { return peerId().toHex(); }
    QString fingerprint() const;
    /** The first groups of fingerprint(), as peer lists show fingerprints. */
    QString shortFingerprint() const;
    int linkCount() const;
    int linkLimit() const;
    static int maxMessageBytes();
    QString nickname() const { return m_config.nickname; }
    /** Changes the nickname and announces it at once. */
    void setNickname(const QString &nickname);

    /**
     * Broadcasts @p text. The message is stored in the outbox first; only then is it reported
     * (messageQueued) and, when a link exists, sent (messageSent). Returns the stored message,
     * or nullopt (and error()) when the text is empty, too long, or could not be stored.
     */
    std::optional<StoredMessage> sendMessage(const QString &text);
    /** sendMessage() for QML: true when the message was stored (and queued or sent). */
    Q_INVOKABLE bool broadcast(const QString &text) { return sendMessage(text).has_value(); }

    const PeerTable &peers() const { return *m_peers; }
    LinkManager &links() const { return m_links; }
    const MeshRouter &router() const { return *m_router; }
    MessageStore &store() const { return m_store; }

Q_SIGNALS:
    void messageQueued(const StoredMessage &message);
    void messageSent(const QByteArray &packetId);
    void messageReceived(const StoredMessage &message);
    void peerJoined(const PeerInfo &peer);
    void peerUpdated(const PeerInfo &peer, PeerFields changed);
    void peerLeft(const PeerInfo &peer, const QString &reason);
    void nicknameChanged(const QString &nickname);
    /** A link to a neighbour opened (@p address is for display). */
    void linkUp(LinkType type, const QString &address);
    void linkDown(LinkType type, const QString &address, const QString &reason);
    /** linkCount() or linkLimit() changed. */
    void linksChanged();
    void error(const QString &what);

private:
    std::optional<Packet> signedPacket(MessageType type, const QByteArray &payload);
    void announce();
    void scheduleAnnounce(qint64 delayMs);
    void flushOutbox();
    MeshRouter::HistoryVerdict recordReceived(const Packet &packet, const QByteArray &packetId,
                                              const QString &text, int hops);
    void onLinkRemoved(Link *link, const QString &reason);
    void expirePeers();

    Identity m_identity;
    MessageStore &m_store;
    LinkManager &m_links;
    Clock &m_clock;
    QRandomGenerator *m_random;
    Config m_config;
    PeerTable *m_peers;
    MeshRouter *m_router;
    quint64 m_announceTimer = 0;
    quint64 m_expiryTimer = 0;
    quint64 m_commitTimer = 0;
    quint64 m_lastTimestamp = 0;
    bool m_started = false;
    bool m_leaving = false;
};
