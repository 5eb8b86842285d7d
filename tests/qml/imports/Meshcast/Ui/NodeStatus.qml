// SPDX-License-Identifier: GPL-3.0-or-later
// Test stand-in for the C++ NodeStatus: fixed texts, counts taken from the node.
import QtQml

QtObject {
    enum BluetoothState { Off, NoAdapter, Scanning, Advertising, NeedsPermission, Disabled }

    property MeshNode node
    readonly property string nickname: node ? node.nickname : ""
    readonly property string shortFingerprint: "abcd ef01"
    readonly property string fingerprint: node ? node.fingerprint : ""
    property int bluetoothState: NodeStatus.Off
    property string bluetoothText: "Bluetooth off"
    property string ipAddress: "ws://127.0.0.1:4000"
    property string lanDiscoveryText: "LAN discovery off"
    readonly property int linkCount: node ? node.linkCount : 0
    readonly property int linkLimit: node ? node.linkLimit : 0
    property int rejectedPackets: 0
}
