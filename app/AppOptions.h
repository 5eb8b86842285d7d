// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QString>
#include <QStringList>

class QCoreApplication;

/** The command line of the `meshcast` binary (docs/CLI.md), parsed with QCommandLineParser. */
struct AppOptions
{
    bool headless = false;
    bool verbose = false;
    bool noBle = false;
    QString nickname; ///< empty: the saved one, or a generated one
    QString dataDir;  ///< empty: QStandardPaths::AppDataLocation
    QHostAddress listenHost = QHostAddress(QHostAddress::LocalHost);
    quint16 listenPort = 0;
    bool listen = true;
    QStringList peers;
    QString lanInterface;
    int ttl = 7;
    int linkLimit = 8;
    qint64 announceIntervalMs = 0; ///< 0: the spec's 15–30 s when connected
    qint64 peerTimeoutMs = 60000;
    QString screenshotPath; ///< GUI: save the window to this PNG, then quit
    int screenshotAfterMs = 3000;

    /** Parses the arguments of @p app; on error prints it and returns nullopt. */
    static std::optional<AppOptions> parse(const QCoreApplication &app);
};
