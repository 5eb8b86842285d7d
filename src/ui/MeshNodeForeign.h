// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtQml/qqml.h>

#include "MeshNode.h"

/**
 * Makes the mesh's MeshNode known to QML as `MeshNode` without the mesh library depending on
 * Qt Qml: the app creates the node and hands it to Main.qml as a required property.
 */
struct MeshNodeForeign
{
    Q_GADGET
    QML_FOREIGN(MeshNode)
    QML_NAMED_ELEMENT(MeshNode)
    QML_UNCREATABLE("MeshNode is created by the application.")
};
