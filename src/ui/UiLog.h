// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

/** Logging category of the UI models: "meshcast.ui". */
Q_DECLARE_LOGGING_CATEGORY(lcUi)
