// SPDX-License-Identifier: GPL-3.0-or-later
#include "TransportLog.h"

Q_LOGGING_CATEGORY(lcTransport, "meshcast.transport", QtWarningMsg)
