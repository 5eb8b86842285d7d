// SPDX-License-Identifier: GPL-3.0-or-later
#include "NodeRuntime.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>

#include "BleTransport.h"
#include "DataDirectory.h"
#include "IdentityStore.h"
#include "LanDiscovery.h"
#include "LinkManager.h"
#include "MeshNode.h"
#include "MessageStore.h"
#include "PeerBindingStore.h"
#include "SystemClock.h"
#include "WebSocketTransport.h"

NodeRuntime::NodeRuntime(AppOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_random(QRandomGenerator::securelySeeded())
    , m_clock(std::make_unique<SystemClock>())
    , m_store(std::make_unique<MessageStore>())
    , m_bindings(std::make_unique<PeerBindingStore>())
{
    m_dataDir = m_options.dataDir.isEmpty()
                    ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                    : m_options.dataDir;
}

NodeRuntime::~NodeRuntime()
{
    stop();
}

void NodeRuntime::stop()
{
    // The node and links use the store and the clock: they go first.
    delete std::exchange(m_node, nullptr);
    delete std::exchange(m_lan, nullptr);
    delete std::exchange(m_links, nullptr);
    delete std::exchange(m_ip, nullptr);
    delete std::exchange(m_ble, nullptr);
    m_bindings->close(); // it uses the history's connection
    m_store->close();
    m_discovered.clear();
}

bool NodeRuntime::fail(StartFailure::Kind kind, const QString &path)
{
    m_failure = {kind, path};
    return false;
}

bool NodeRuntime::start(QString *error)
{
    using Kind = StartFailure::Kind;
    stop();
    m_failure = {};
    m_warnings.clear();
    m_leaving = false;
    // Private before a single key or message is written (issue 8, defect 10).
    if (!DataDirectory(m_dataDir).prepare(&m_warnings, error))
        return fail(Kind::DataDirectory, m_dataDir);
    for (const QString &warning : std::as_const(m_warnings))
        qWarning("meshcast: %s", qPrintable(warning));
    const IdentityStore keys(m_dataDir);
    const auto identity = keys.loadOrCreate();
    if (!identity) {
        *error = identity.error();
        return fail(Kind::Identity, keys.filePath());
    }
    const QString historyPath = QDir(m_dataDir).filePath(QStringLiteral("history.sqlite"));
    if (!m_store->open(historyPath, error) || !m_bindings->open(*m_store, error))
        return fail(Kind::History, historyPath);

    m_links = new LinkManager(identity->peerId(), *m_clock, &m_random, m_options.linkLimit);
    if (m_options.listen || !m_options.peers.isEmpty()) {
        WebSocketTransport::Options ipOptions;
        ipOptions.listenHost = m_options.listenHost;
        ipOptions.listenPort = m_options.listenPort;
        m_ip = new WebSocketTransport(*m_clock, ipOptions);
        if (m_options.listen && !m_ip->start()) {
            *error = tr("Cannot listen on %1:%2: %3")
                         .arg(m_options.listenHost.toString())
                         .arg(m_options.listenPort)
                         .arg(m_ip->errorString());
            return fail(Kind::Network, {});
        }
        m_links->addTransport(m_ip);
        for (const QString &peer : std::as_const(m_options.peers))
            m_links->addStaticPeer(m_ip, peer);
    }

    MeshNode::Config config;
    config.nickname = m_options.nickname.isEmpty() ? QString() : m_options.nickname;
    config.messageTtl = quint8(m_options.ttl);
    config.peerTimeoutMs = m_options.peerTimeoutMs;
    if (m_options.announceIntervalMs > 0) {
        config.connectedAnnounceMinMs = m_options.announceIntervalMs;
        config.connectedAnnounceMaxMs = m_options.announceIntervalMs * 2;
        config.aloneAnnounceIntervalMs =
            std::min(config.aloneAnnounceIntervalMs, m_options.announceIntervalMs);
    }
    m_node = new MeshNode(*identity, *m_store, *m_links, *m_clock, &m_random, config);
    m_node->setBindingStore(m_bindings.get());
    if (config.nickname.isEmpty())
        m_node->setNickname(defaultNickname());

    if (!m_options.lanInterface.isEmpty() && !startLanDiscovery(m_options.lanInterface, error))
        return fail(Kind::Network, {});
    if (!m_options.noBle) {
        // Started after the node exists so no BLE link opens unseen. Without an adapter it
        // reports Unavailable and keeps looking; the node chats over IP meanwhile.
        m_ble = new BleTransport(*m_clock, &m_random);
        m_links->addTransport(m_ble);
        m_ble->start();
    }
    m_node->start();
    return true;
}

bool NodeRuntime::startLanDiscovery(const QString &interfaceName, QString *error)
{
    delete m_lan;
    m_lan = nullptr;
    if (m_ip)
        m_ip->setLanDiscovery(nullptr);
    if (!m_ip || interfaceName.isEmpty())
        return true;
    LanDiscovery::Options lanOptions;
    lanOptions.interfaceName = interfaceName;
    lanOptions.webSocketPort = m_ip->listenPort();
    m_lan = new LanDiscovery(*m_clock, &m_random, lanOptions);
    connect(m_lan, &LanDiscovery::peerDiscovered, this, [this](const QString &url) {
        if (!m_discovered.contains(url)) {
            m_discovered.insert(url);
            m_links->addStaticPeer(m_ip, url);
        }
    });
    m_ip->setLanDiscovery(m_lan);
    if (!m_lan->start()) {
        *error = tr("LAN discovery on %1: %2").arg(interfaceName, m_lan->errorString());
        return false;
    }
    return true;
}

void NodeRuntime::applyConnectivity(const QString &lanInterface, const QStringList &manualPeers)
{
    const QString current = m_lan ? m_options.lanInterface : QString();
    if (lanInterface != current) {
        m_options.lanInterface = lanInterface;
        QString error;
        if (!startLanDiscovery(lanInterface, &error))
            qWarning("meshcast: %s", qPrintable(error));
    }
    for (const QString &peer : manualPeers) {
        if (m_ip && !m_options.peers.contains(peer)) {
            m_options.peers.append(peer);
            m_links->addStaticPeer(m_ip, peer);
        }
    }
}

bool NodeRuntime::wipe(QString *error)
{
    // The new identity listens where the old one did, so neighbours that dial it find it again.
    if (m_ip && m_ip->isRunning())
        m_options.listenPort = m_ip->listenPort();
    stop();
    QStringList removed;
    const bool filesGone = DataDirectory(m_dataDir).wipe(error, &removed);

    QSettings settings;
    const QString settingsFile = settings.fileName();
    settings.clear();
    settings.sync();
    if (QFile::exists(settingsFile) && QFile::remove(settingsFile))
        removed.append(settingsFile);
    QDir().rmdir(QFileInfo(settingsFile).absolutePath()); // only when nothing else is in it
    if (filesGone && QFile::exists(settingsFile)) {
        *error = tr("Could not delete %1.").arg(settingsFile);
        return false;
    }
    qInfo("meshcast: wiped %s", qPrintable(removed.join(QStringLiteral(", "))));
    return filesGone;
}

void NodeRuntime::useDataDirForSettings(const AppOptions &options)
{
    // Several nodes side by side (each with its own --data-dir) keep separate settings, and a
    // wipe of one data directory takes its settings with it.
    if (!options.dataDir.isEmpty())
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, options.dataDir);
}

void NodeRuntime::leaveThenQuit()
{
    // Long enough for the leave to reach the sockets, short enough not to be noticed.
    constexpr int LeaveFlushMs = 150;
    if (m_leaving)
        return;
    m_leaving = true;
    if (!m_node) {
        QCoreApplication::quit();
        return;
    }
    m_node->sendLeave();
    QTimer::singleShot(LeaveFlushMs, QCoreApplication::instance(), &QCoreApplication::quit);
}

QString NodeRuntime::listenUrl() const
{
    return m_ip && m_ip->isRunning() ? m_ip->listenUrl() : QString();
}

QString NodeRuntime::defaultNickname() const
{
    return QStringLiteral("anon%1").arg(m_node->peerId().toHex().left(4));
}
