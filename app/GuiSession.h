// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

#include "AppOptions.h"

class QGuiApplication;

/**
 * The windowed app: captures the log, loads the connectivity settings (command-line options win
 * over saved ones), starts the node, and shows qrc:/Meshcast/Main.qml with the node, the settings
 * and the log capture as its required properties.
 */
class GuiSession
{
public:
    static int run(QGuiApplication &app, AppOptions options);
};
