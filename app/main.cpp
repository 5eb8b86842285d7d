// SPDX-License-Identifier: GPL-3.0-or-later
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTextStream>
#include <QTimer>

#include <cstdio>

#include "AppOptions.h"
#include "HeadlessConsole.h"
#include "MeshNode.h"
#include "NodeRuntime.h"
#include "PacketCommand.h"

namespace {
// Long enough for the leave to reach the sockets, short enough not to be noticed.
constexpr int LeaveFlushMs = 150;

int runHeadless(QCoreApplication &app, const AppOptions &options)
{
    QFile out;
    out.open(stdout, QIODevice::WriteOnly | QIODevice::Unbuffered);
    NodeRuntime runtime(options);
    QString error;
    const bool started = runtime.start(&error);
    if (!started) {
        const QJsonObject event{{QStringLiteral("event"), QStringLiteral("error")},
                                {QStringLiteral("what"), error}};
        out.write(QJsonDocument(event).toJson(QJsonDocument::Compact) + '\n');
        return 1;
    }
    HeadlessConsole console(runtime.node(), out);
    QObject::connect(&console, &HeadlessConsole::quitRequested, &app, [&] {
        runtime.node().sendLeave();
        QTimer::singleShot(LeaveFlushMs, &app, &QCoreApplication::quit);
    });
    console.announceReady(runtime.listenUrl());
    console.readFromDescriptor(0);
    return app.exec();
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("meshcast"));
    QCoreApplication::setOrganizationName(QStringLiteral("Meshcast"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MESHCAST_VERSION));
    const QStringList arguments = QCoreApplication::arguments().mid(1);
    if (arguments.value(0) == u"packet") {
        QTextStream out(stdout);
        return PacketCommand::run(arguments.mid(1), out);
    }
    const auto options = AppOptions::parse(app);
    if (!options)
        return 2;
    QLoggingCategory::setFilterRules(options->verbose ? QStringLiteral("meshcast.*.debug=true")
                                                      : QStringLiteral("meshcast.*.debug=false"));
    return runHeadless(app, *options);
}
