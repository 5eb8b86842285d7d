// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AppOptions.h"

class QCoreApplication;

/**
 * `meshcast --headless`: starts the node and drives it through a HeadlessConsole on stdin and
 * stdout (docs/CLI.md). A start-up failure (e.g. a damaged key file) is one error event and
 * exit status 1. `/wipe confirm` wipes the data directory and starts again with a new identity.
 */
class HeadlessSession
{
public:
    static int run(QCoreApplication &app, const AppOptions &options);
};
