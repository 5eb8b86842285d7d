// SPDX-License-Identifier: GPL-3.0-or-later
#include "GuiSession.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSettings>
#include <QTimer>
#include <QUrl>
#include <QtQml/qqmlextensionplugin.h>

#include "ConnectivitySettings.h"
#include "LogCapture.h"
#include "MeshNode.h"
#include "NodeRuntime.h"

Q_IMPORT_QML_PLUGIN(MeshcastPlugin)
Q_IMPORT_QML_PLUGIN(Meshcast_UiPlugin)

namespace {
void mergeCommandLine(ConnectivitySettings &connectivity, const AppOptions &options)
{
    if (options.noBle)
        connectivity.setBluetoothEnabled(false);
    if (!options.lanInterface.isEmpty()) {
        connectivity.setLanDiscoveryEnabled(true);
        connectivity.setLanInterface(options.lanInterface);
    }
}

AppOptions withSettings(AppOptions options, const ConnectivitySettings &connectivity)
{
    options.noBle = !connectivity.bluetoothEnabled();
    options.lanInterface =
        connectivity.lanDiscoveryEnabled() ? connectivity.lanInterface() : QString();
    for (const QString &peer : connectivity.manualPeers()) {
        if (!options.peers.contains(peer))
            options.peers.append(peer);
    }
    return options;
}

QString failureKindName(NodeRuntime::StartFailure::Kind kind)
{
    using Kind = NodeRuntime::StartFailure::Kind;
    switch (kind) {
    case Kind::DataDirectory:
        return QStringLiteral("directory");
    case Kind::Identity:
        return QStringLiteral("identity");
    case Kind::History:
        return QStringLiteral("history");
    case Kind::Network:
    case Kind::None:
        break;
    }
    return QStringLiteral("network");
}
} // namespace

GuiSession::GuiSession(AppOptions options, LogCapture &logCapture, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_logCapture(logCapture)
{
    NodeRuntime::useDataDirForSettings(m_options);
    connect(qGuiApp, &QGuiApplication::lastWindowClosed, this, &GuiSession::onLastWindowClosed);
}

GuiSession::~GuiSession()
{
    // The window uses the node and the settings: it goes first.
    m_replacing = true;
    closeWindow();
}

void GuiSession::start()
{
    if (!m_options.nickname.isEmpty())
        QSettings().setValue(QStringLiteral("nickname"), m_options.nickname); // no first-run prompt

    m_connectivity = std::make_unique<ConnectivitySettings>();
    m_connectivity->load();
    mergeCommandLine(*m_connectivity, m_options);
    m_runtime = std::make_unique<NodeRuntime>(withSettings(m_options, *m_connectivity));
    QString error;
    if (!m_runtime->start(&error)) {
        qCritical("meshcast: %s", qPrintable(error));
        const NodeRuntime::StartFailure &failure = m_runtime->failure();
        showProblem(failureKindName(failure.kind), error, failure.path);
        return;
    }
    // A wipe starts the next identity where this one listens, as the headless node does.
    if (m_options.listen && m_options.listenPort == 0)
        m_options.listenPort = quint16(QUrl(m_runtime->listenUrl()).port(0));
    connect(m_connectivity.get(), &ConnectivitySettings::applied, m_runtime.get(), [this] {
        m_runtime->applyConnectivity(
            m_connectivity->lanDiscoveryEnabled() ? m_connectivity->lanInterface() : QString(),
            m_connectivity->manualPeers());
    });
    showChat();
}

void GuiSession::showChat()
{
    if (!load(QStringLiteral("qrc:/Meshcast/Main.qml"),
              {{QStringLiteral("node"), QVariant::fromValue(&m_runtime->node())},
               {QStringLiteral("connectivity"), QVariant::fromValue(m_connectivity.get())},
               {QStringLiteral("logCapture"), QVariant::fromValue(&m_logCapture)},
               {QStringLiteral("dataDir"), m_runtime->dataDir()},
               {QStringLiteral("startupWarnings"), m_runtime->warnings()}})) {
        Q_EMIT finished(1);
    }
}

void GuiSession::showProblem(const QString &kind, const QString &message, const QString &path)
{
    if (!load(QStringLiteral("qrc:/Meshcast/StartupProblemWindow.qml"),
              {{QStringLiteral("kind"), kind},
               {QStringLiteral("message"), message},
               {QStringLiteral("path"), path},
               {QStringLiteral("dataDir"), m_runtime->dataDir()}})) {
        Q_EMIT finished(1);
        return;
    }
    connect(m_window, SIGNAL(quitRequested()), this, SLOT(quitAfterProblem()));
}

bool GuiSession::load(const QString &url, const QVariantMap &properties)
{
    m_engine = std::make_unique<QQmlApplicationEngine>();
    m_engine->setInitialProperties(properties);
    m_engine->load(QUrl(url));
    if (m_engine->rootObjects().isEmpty())
        return false;
    m_window = qobject_cast<QQuickWindow *>(m_engine->rootObjects().constFirst());
    if (!m_window)
        return false;
    // QML signals have no member-function pointer; they are connected by signature. Queued: the
    // wipe destroys the window whose button asked for it.
    connect(m_window, SIGNAL(wipeConfirmed()), this, SLOT(wipeAndRestart()), Qt::QueuedConnection);
    Q_EMIT windowShown(m_window);
    return true;
}

void GuiSession::quitAfterProblem()
{
    Q_EMIT finished(1); // the node did not start: as before this window existed, status 1
}

void GuiSession::closeWindow()
{
    // Destroying the engine destroys the window; its Settings write themselves out now, before
    // a wipe removes the file.
    m_window = nullptr;
    m_engine.reset();
}

void GuiSession::wipeAndRestart()
{
    m_replacing = true;
    closeWindow();
    m_connectivity.reset();
    QString error;
    const bool wiped = m_runtime->wipe(&error);
    m_runtime.reset();
    m_logCapture.clear(); // the old identity's log goes with it
    if (!wiped) {
        // Something could not be deleted: say so rather than start as if it were gone.
        qCritical("meshcast: %s", qPrintable(error));
        m_runtime = std::make_unique<NodeRuntime>(m_options);
        showProblem(QStringLiteral("wipe"), error, m_runtime->dataDir());
    } else {
        start();
    }
    m_replacing = false;
}

void GuiSession::onLastWindowClosed()
{
    if (m_replacing)
        return;
    if (m_runtime && m_runtime->isStarted())
        m_runtime->leaveThenQuit();
    else
        Q_EMIT finished(1);
}

int GuiSession::run(QGuiApplication &app, AppOptions options, const QElapsedTimer &startup)
{
    LogCapture logCapture;
    logCapture.install();
    if (QQuickStyle::name().isEmpty())
        QQuickStyle::setStyle(QStringLiteral("Fusion")); // a desktop look that follows the palette

    const QString screenshotPath = options.screenshotPath;
    const int screenshotAfterMs = options.screenshotAfterMs;
    GuiSession session(std::move(options), logCapture);
    QObject::connect(&session, &GuiSession::finished, &app, &QCoreApplication::exit,
                     Qt::QueuedConnection);
    QObject::connect(
        &session, &GuiSession::windowShown, &app,
        [&startup](QQuickWindow *window) {
            // One line for the startup benchmark (bench/gui_startup.sh): launch to first frame.
            QObject::connect(
                window, &QQuickWindow::frameSwapped, window,
                [&startup] { qInfo("meshcast: first frame after %lld ms", startup.elapsed()); },
                Qt::SingleShotConnection);
        },
        Qt::SingleShotConnection);
    if (!screenshotPath.isEmpty()) {
        QTimer::singleShot(screenshotAfterMs, &app, [&session, screenshotPath] {
            QQuickWindow *window = session.window();
            if (!window || !window->grabWindow().save(screenshotPath))
                qCritical("meshcast: cannot write %s", qPrintable(screenshotPath));
            if (window)
                window->close();
        });
    }
    app.setQuitOnLastWindowClosed(false);
    session.start();
    return app.exec();
}
