// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QObject>
#include <QRandomGenerator>
#include <QSet>
#include <QStringList>

#include "AppOptions.h"

class BleTransport;
class LanDiscovery;
class LinkManager;
class MeshNode;
class MessageStore;
class PeerBindingStore;
class SystemClock;
class WebSocketTransport;

/**
 * Start-up wiring shared by the window and the headless mode: the private data directory, the
 * clock, the identity and history from it, the link manager with the IP transport (and LAN
 * discovery when asked for) and the BLE transport (unless --no-ble), and the MeshNode on top.
 * Owns all of them. wipe() deletes the node's data (the panic wipe of spec README, "erases all
 * local identity, keys, and persisted protocol state"); start() after it begins a new identity.
 */
class NodeRuntime : public QObject
{
    Q_OBJECT
public:
    /** Why start() failed: what the user has to look at. */
    struct StartFailure
    {
        enum class Kind
        {
            None,
            DataDirectory, ///< cannot be created or is not a directory
            Identity,      ///< the key file is damaged or unreadable (never replaced)
            History,       ///< the message database cannot be opened (never replaced)
            Network,       ///< e.g. the listen port is taken
        };
        Kind kind = Kind::None;
        /** The file or directory concerned; empty for Network. */
        QString path;
    };

    explicit NodeRuntime(AppOptions options, QObject *parent = nullptr);
    ~NodeRuntime() override;

    /**
     * Builds and starts everything; on failure returns false with a message for the user (and
     * failure() says what failed). Also after wipe(), with a new identity.
     */
    bool start(QString *error);
    const StartFailure &failure() const { return m_failure; }
    /**
     * What the last start() found wrong with the privacy of the data directory or the key file
     * (and mostly repaired): translated sentences to show the user once.
     */
    const QStringList &warnings() const { return m_warnings; }
    /**
     * Stops the node and deletes everything it keeps: the key file, the history (with its
     * -wal/-shm/-journal files) and the settings of QSettings() (the session points them into the
     * data directory, see useDataDirForSettings()). The node and links are gone afterwards;
     * call start() for a new identity (on the same listen port). False, with what could not be
     * deleted in @p error.
     */
    bool wipe(QString *error);
    /** Places QSettings() for this process into --data-dir when one is given. */
    static void useDataDirForSettings(const AppOptions &options);

    MeshNode &node() const { return *m_node; }
    LinkManager &links() const { return *m_links; }
    /**
     * Applies connectivity changed at run time: LAN discovery on @p lanInterface (off when empty)
     * and links to @p manualPeers added. Removed peers are forgotten at the next start.
     */
    void applyConnectivity(const QString &lanInterface, const QStringList &manualPeers);
    /**
     * Sends this node's signed leave, then quits the application once the sockets had time to
     * carry it. Calling it again while leaving does nothing.
     */
    void leaveThenQuit();
    /** ws://host:port this node listens on, or "" when it does not. */
    QString listenUrl() const;
    bool isStarted() const { return m_node != nullptr; }
    QString dataDir() const { return m_dataDir; }

private:
    QString defaultNickname() const;
    bool fail(StartFailure::Kind kind, const QString &path);
    /** Deletes the node and everything under it, closes the history. */
    void stop();
    bool startLanDiscovery(const QString &interfaceName, QString *error);

    AppOptions m_options;
    QString m_dataDir;
    QRandomGenerator m_random;
    std::unique_ptr<SystemClock> m_clock;
    std::unique_ptr<MessageStore> m_store;
    std::unique_ptr<PeerBindingStore> m_bindings;
    LinkManager *m_links = nullptr;
    WebSocketTransport *m_ip = nullptr;
    BleTransport *m_ble = nullptr;
    LanDiscovery *m_lan = nullptr;
    MeshNode *m_node = nullptr;
    QSet<QString> m_discovered;
    bool m_leaving = false;
    StartFailure m_failure;
    QStringList m_warnings;
};
