// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

/** Logging category of the persistence library (identity file, message database): "meshcast.store".
 */
Q_DECLARE_LOGGING_CATEGORY(lcStore)
