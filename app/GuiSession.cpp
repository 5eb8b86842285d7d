// SPDX-License-Identifier: GPL-3.0-or-later
#include "GuiSession.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSettings>
#include <QTimer>
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
} // namespace

int GuiSession::run(QGuiApplication &app, AppOptions options, const QElapsedTimer &startup)
{
    LogCapture logCapture;
    logCapture.install();
    if (QQuickStyle::name().isEmpty())
        QQuickStyle::setStyle(QStringLiteral("Fusion")); // a desktop look that follows the palette

    // Several windows side by side (each with its own --data-dir) keep separate settings.
    if (!options.dataDir.isEmpty())
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, options.dataDir);
    if (!options.nickname.isEmpty())
        QSettings().setValue(QStringLiteral("nickname"), options.nickname); // no first-run prompt

    ConnectivitySettings connectivity;
    connectivity.load();
    mergeCommandLine(connectivity, options);
    NodeRuntime runtime(withSettings(options, connectivity));
    QString error;
    if (!runtime.start(&error)) {
        qCritical("meshcast: %s", qPrintable(error));
        return 1;
    }
    QObject::connect(&connectivity, &ConnectivitySettings::applied, &runtime, [&] {
        runtime.applyConnectivity(connectivity.lanDiscoveryEnabled() ? connectivity.lanInterface()
                                                                     : QString(),
                                  connectivity.manualPeers());
    });

    QQmlApplicationEngine engine;
    engine.setInitialProperties(
        {{QStringLiteral("node"), QVariant::fromValue(&runtime.node())},
         {QStringLiteral("connectivity"), QVariant::fromValue(&connectivity)},
         {QStringLiteral("logCapture"), QVariant::fromValue(&logCapture)}});
    QObject::connect(
        &engine, &QQmlApplicationEngine::objectCreationFailed, &app,
        [] { QCoreApplication::exit(1); }, Qt::QueuedConnection);
    engine.load(QUrl(QStringLiteral("qrc:/Meshcast/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return 1;

    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    // One line for the startup benchmark (bench/gui_startup.sh): launch to first frame on screen.
    QObject::connect(
        window, &QQuickWindow::frameSwapped, &app,
        [&startup] { qInfo("meshcast: first frame after %lld ms", startup.elapsed()); },
        Qt::SingleShotConnection);
    if (!options.screenshotPath.isEmpty()) {
        QTimer::singleShot(options.screenshotAfterMs, &app, [window, &options] {
            if (!window->grabWindow().save(options.screenshotPath))
                qCritical("meshcast: cannot write %s", qPrintable(options.screenshotPath));
            window->close();
        });
    }

    app.setQuitOnLastWindowClosed(false);
    QObject::connect(&app, &QGuiApplication::lastWindowClosed, &runtime,
                     &NodeRuntime::leaveThenQuit);
    return app.exec();
}
