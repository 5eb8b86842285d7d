// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

#include "AppOptions.h"

class QElapsedTimer;
class QGuiApplication;

/**
 * The windowed app: captures the log, loads the connectivity settings (command-line options win
 * over saved ones), starts the node, and shows qrc:/Meshcast/Main.qml with the node, the settings
 * and the log capture as its required properties.
 */
class GuiSession
{
public:
    /** @p startup runs since the process began: the first frame's time is logged against it. */
    static int run(QGuiApplication &app, AppOptions options, const QElapsedTimer &startup);
};
