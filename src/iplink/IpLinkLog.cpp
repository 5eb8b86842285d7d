// SPDX-License-Identifier: GPL-3.0-or-later
#include "IpLinkLog.h"

Q_LOGGING_CATEGORY(lcIpLink, "meshcast.iplink", QtWarningMsg)
