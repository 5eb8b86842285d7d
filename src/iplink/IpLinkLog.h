// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

/** Logging category of the IP link library: "meshcast.iplink". */
Q_DECLARE_LOGGING_CATEGORY(lcIpLink)
