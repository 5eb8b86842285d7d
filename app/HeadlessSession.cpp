// SPDX-License-Identifier: GPL-3.0-or-later
#include "HeadlessSession.h"

#include <QCoreApplication>
#include <QFile>
#include <QTimer>

#include <cstdio>

#include "HeadlessConsole.h"
#include "MeshNode.h"
#include "NodeRuntime.h"

namespace {
// Long enough for the leave to reach the sockets, short enough not to be noticed.
constexpr int LeaveFlushMs = 150;
} // namespace

int HeadlessSession::run(QCoreApplication &app, const AppOptions &options)
{
    QFile out;
    // By descriptor, not FILE*: stdio would hold lines in its buffer when stdout is a pipe.
    if (!out.open(fileno(stdout), QIODevice::WriteOnly | QIODevice::Unbuffered))
        return 1;
    NodeRuntime runtime(options);
    QString error;
    if (!runtime.start(&error)) {
        HeadlessConsole::writeError(out, error);
        return 1;
    }
    HeadlessConsole console(runtime.node(), out);
    bool leaving = false;
    QObject::connect(&console, &HeadlessConsole::quitRequested, &app, [&] {
        if (leaving)
            return;
        leaving = true;
        runtime.node().sendLeave();
        QTimer::singleShot(LeaveFlushMs, &app, &QCoreApplication::quit);
    });
    console.announceReady(runtime.listenUrl());
    console.readFromDescriptor(0);
    return app.exec();
}
