// SPDX-License-Identifier: GPL-3.0-or-later
#include "HeadlessSession.h"

#include <QCoreApplication>
#include <QFile>

#include <cstdio>

#include "HeadlessConsole.h"
#include "MeshNode.h"
#include "NodeRuntime.h"

namespace {
void announce(HeadlessConsole &console, const NodeRuntime &runtime)
{
    // Once per start: the data directory was repaired, so the next start has nothing to say.
    for (const QString &warning : runtime.warnings())
        console.reportWarning(warning);
    console.announceReady(runtime.listenUrl());
}
} // namespace

int HeadlessSession::run(QCoreApplication &app, const AppOptions &options)
{
    QFile out;
    // By descriptor, not FILE*: stdio would hold lines in its buffer when stdout is a pipe.
    if (!out.open(fileno(stdout), QIODevice::WriteOnly | QIODevice::Unbuffered))
        return 1;
    NodeRuntime::useDataDirForSettings(options);
    NodeRuntime runtime(options);
    QString error;
    if (!runtime.start(&error)) {
        HeadlessConsole::writeError(out, error);
        return 1;
    }
    HeadlessConsole console(runtime.node(), out);
    QObject::connect(&console, &HeadlessConsole::quitRequested, &runtime,
                     &NodeRuntime::leaveThenQuit);
    // Synchronous: input lines after "/wipe confirm" go to the new node, none to the old one.
    QObject::connect(&console, &HeadlessConsole::wipeRequested, &runtime, [&] {
        console.setNode(nullptr);
        QString why;
        if (!runtime.wipe(&why) || !runtime.start(&why)) {
            console.reportError(why);
            QCoreApplication::exit(1);
            return;
        }
        console.setNode(&runtime.node());
        console.reportWiped();
        announce(console, runtime);
    });
    announce(console, runtime);
    console.readFromDescriptor(0);
    return app.exec();
}
