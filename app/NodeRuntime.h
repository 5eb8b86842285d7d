// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QObject>
#include <QRandomGenerator>
#include <QSet>

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
 * Start-up wiring shared by the window and the headless mode: the clock, the identity and
 * history from the data directory, the link manager with the IP transport (and LAN discovery
 * when asked for) and the BLE transport (unless --no-ble), and the MeshNode on top. Owns all of
 * them.
 */
class NodeRuntime : public QObject
{
    Q_OBJECT
public:
    explicit NodeRuntime(AppOptions options, QObject *parent = nullptr);
    ~NodeRuntime() override;

    /** Builds and starts everything; on failure returns false with a message for the user. */
    bool start(QString *error);

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
    QString dataDir() const { return m_dataDir; }

private:
    QString defaultNickname() const;
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
};
