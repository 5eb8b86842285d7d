// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

/** Logging category of the mesh layer (routing, presence, history): "meshcast.mesh". */
Q_DECLARE_LOGGING_CATEGORY(lcMesh)
