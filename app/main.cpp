// SPDX-License-Identifier: GPL-3.0-or-later
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QLoggingCategory>
#include <QTextStream>

#include <cstring>
#include <memory>

#include "AppOptions.h"
#include "GuiSession.h"
#include "HeadlessSession.h"
#include "PacketCommand.h"

namespace {
bool hasArgument(int argc, char *argv[], const char *wanted)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], wanted) == 0)
            return true;
    }
    return false;
}

void describeApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("meshcast"));
    QCoreApplication::setOrganizationName(QStringLiteral("Meshcast"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MESHCAST_VERSION));
}
} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer startup;
    startup.start();
    // `packet` and `--headless` must run without a display: they get a QCoreApplication.
    const bool packetTool = argc > 1 && std::strcmp(argv[1], "packet") == 0;
    const bool headless = hasArgument(argc, argv, "--headless");
    const bool wantsHelp = hasArgument(argc, argv, "--help") || hasArgument(argc, argv, "-h") ||
                           hasArgument(argc, argv, "--version") || hasArgument(argc, argv, "-v");
    std::unique_ptr<QCoreApplication> app;
    if (packetTool || headless || wantsHelp)
        app = std::make_unique<QCoreApplication>(argc, argv);
    else
        app = std::make_unique<QGuiApplication>(argc, argv);
    describeApplication();

    if (packetTool) {
        QTextStream out(stdout);
        return PacketCommand::run(QCoreApplication::arguments().mid(2), out);
    }
    const auto options = AppOptions::parse(*app);
    if (!options)
        return 2;
    QLoggingCategory::setFilterRules(options->verbose ? QStringLiteral("meshcast.*.debug=true")
                                                      : QStringLiteral("meshcast.*.debug=false"));
    if (options->headless)
        return HeadlessSession::run(*app, *options);
    return GuiSession::run(static_cast<QGuiApplication &>(*app), *options, startup);
}
