// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

/** Logging category of the Bluetooth LE link library: "meshcast.ble". */
Q_DECLARE_LOGGING_CATEGORY(lcBle)
