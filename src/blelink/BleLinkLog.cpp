// SPDX-License-Identifier: GPL-3.0-or-later
#include "BleLinkLog.h"

Q_LOGGING_CATEGORY(lcBle, "meshcast.ble", QtWarningMsg)
