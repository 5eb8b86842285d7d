// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

/** Logging category of the wire protocol library: "meshcast.protocol". */
Q_DECLARE_LOGGING_CATEGORY(lcProtocol)
