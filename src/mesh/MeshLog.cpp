// SPDX-License-Identifier: GPL-3.0-or-later
#include "MeshLog.h"

Q_LOGGING_CATEGORY(lcMesh, "meshcast.mesh", QtWarningMsg)
