// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QObject>
#include <QPointer>
#include <QQuickWindow>

#include "AppOptions.h"

class ConnectivitySettings;
class LogCapture;
class NodeRuntime;
class QElapsedTimer;
class QGuiApplication;
class QQmlApplicationEngine;

/**
 * The windowed app: loads the connectivity settings (command-line options win over saved ones),
 * starts the node, and shows qrc:/Meshcast/Main.qml with the node, the settings and the log
 * capture as its required properties. When the node cannot start (a damaged key file or
 * database, an unusable data directory, a taken port) it shows
 * qrc:/Meshcast/StartupProblemWindow.qml instead: what is wrong, where, and what to do, with Quit;
 * nothing is replaced unless the user asks for a wipe there.
 *
 * A confirmed wipe (Main's or the problem window's wipeConfirmed()) closes the window, deletes
 * keys, history and settings (NodeRuntime::wipe) and starts over with a new identity, as a
 * first start does. Owns the node runtime, the settings object and the QML engine of the current
 * start; uses the log capture.
 */
class GuiSession : public QObject
{
    Q_OBJECT
public:
    GuiSession(AppOptions options, LogCapture &logCapture, QObject *parent = nullptr);
    ~GuiSession() override;

    /** @p startup runs since the process began: the first frame's time is logged against it. */
    static int run(QGuiApplication &app, AppOptions options, const QElapsedTimer &startup);

    /** Starts the node and shows a window: the chat, or the start-up problem. */
    void start();
    /** The window shown now, or nullptr. */
    QQuickWindow *window() const { return m_window; }
    /** The runtime of the current start, also when it failed; nullptr before start(). */
    NodeRuntime *runtime() const { return m_runtime.get(); }

public Q_SLOTS:
    /** Closes the window, wipes this data directory and starts again with a new identity. */
    void wipeAndRestart();

Q_SIGNALS:
    /** A new window is on screen (after start() and after each wipe). */
    void windowShown(QQuickWindow *window);
    /** The session is over: the app should exit with @p exitCode. */
    void finished(int exitCode);

private Q_SLOTS:
    void quitAfterProblem();

private:
    void closeWindow();
    void showChat();
    /** @p kind: "identity", "history", "directory", "network" or "wipe" (what failed). */
    void showProblem(const QString &kind, const QString &message, const QString &path);
    bool load(const QString &url, const QVariantMap &properties);
    void onLastWindowClosed();

    AppOptions m_options;
    LogCapture &m_logCapture;
    std::unique_ptr<ConnectivitySettings> m_connectivity;
    std::unique_ptr<NodeRuntime> m_runtime;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QPointer<QQuickWindow> m_window;
    bool m_replacing = false; ///< a window closes only to make way for the next one
};
