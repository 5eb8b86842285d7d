// SPDX-License-Identifier: GPL-3.0-or-later
// Test stand-in for the C++ PeerModel (rows: nickname, peerId, shortFingerprint, hops,
// linkType, rssi, lastSeen, direct, color, displayName).
import QtQml
import QtQml.Models

ListModel {
    property MeshNode node
}
