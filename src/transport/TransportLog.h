// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

/** Logging category of the link interface and LinkManager: "meshcast.transport". */
Q_DECLARE_LOGGING_CATEGORY(lcTransport)
