// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProtocolLog.h"

Q_LOGGING_CATEGORY(lcProtocol, "meshcast.protocol", QtWarningMsg)
