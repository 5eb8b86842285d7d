// SPDX-License-Identifier: GPL-3.0-or-later
// Test stand-in for the C++ ConnectivitySettings: counts apply() calls.
import QtQml

QtObject {
    property bool bluetoothEnabled: true
    property bool lanDiscoveryEnabled: false
    property string lanInterface
    property var manualPeers: []
    property int applied: 0

    function apply() {
        ++applied
    }
}
