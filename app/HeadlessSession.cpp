// SPDX-License-Identifier: GPL-3.0-or-later
#include "HeadlessSession.h"

#include <QCoreApplication>
#include <QFile>

#include <cstdio>

#include "HeadlessConsole.h"
#include "MeshNode.h"
#include "NodeRuntime.h"

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
    QObject::connect(&console, &HeadlessConsole::quitRequested, &runtime,
                     &NodeRuntime::leaveThenQuit);
    console.announceReady(runtime.listenUrl());
    console.readFromDescriptor(0);
    return app.exec();
}
