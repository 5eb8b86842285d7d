// SPDX-License-Identifier: GPL-3.0-or-later
// Nickname and connectivity (Bluetooth, LAN discovery, manual ws:// peers). Fields are loaded
// from the node and ConnectivitySettings when the dialog opens; OK writes them back and calls
// connectivity.apply(); Cancel leaves everything as it was. "Wipe everything…" closes the
// dialog unchanged and emits wipeRequested(): the window asks for confirmation.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Meshcast.Ui

Dialog {
    id: root

    required property MeshNode node
    required property ConnectivitySettings connectivity

    signal wipeRequested()

    title: qsTr("Settings")
    modal: true
    focus: true
    anchors.centerIn: Overlay.overlay
    standardButtons: Dialog.Ok | Dialog.Cancel

    onAboutToShow: {
        nicknameField.text = node.nickname
        bluetoothSwitch.checked = connectivity.bluetoothEnabled
        lanSwitch.checked = connectivity.lanDiscoveryEnabled
        interfaceField.text = connectivity.lanInterface
        peersEditor.urls = Array.from(connectivity.manualPeers)
    }
    onOpened: nicknameField.forceActiveFocus()

    onAccepted: {
        const nickname = nicknameField.text.trim()
        if (nickname.length > 0 && nickname !== node.nickname)
            node.nickname = nickname
        connectivity.bluetoothEnabled = bluetoothSwitch.checked
        connectivity.lanDiscoveryEnabled = lanSwitch.checked
        connectivity.lanInterface = interfaceField.text.trim()
        connectivity.manualPeers = peersEditor.urls
        connectivity.apply()
    }

    ScrollView {
        anchors.fill: parent
        implicitWidth: 420
        implicitHeight: Math.min(form.implicitHeight, 480)
        contentWidth: availableWidth

        GridLayout {
            id: form
            width: parent.width
            columns: 2
            columnSpacing: 12
            rowSpacing: 8

            Label { text: qsTr("Nickname") }
            TextField {
                id: nicknameField
                objectName: "settingsNickname"
                maximumLength: 64
                Accessible.name: qsTr("Nickname")
                Layout.fillWidth: true
            }

            Label { text: qsTr("Bluetooth") }
            Switch {
                id: bluetoothSwitch
                objectName: "bluetoothSwitch"
                // Switching the radio roles live is not supported yet: say so instead of pretending.
                text: (checked ? qsTr("On") : qsTr("Off"))
                      + (checked !== root.connectivity.bluetoothEnabled
                         ? qsTr(" (when Meshcast restarts)") : "")
                Accessible.name: qsTr("Use Bluetooth LE")
            }

            Label { text: qsTr("LAN discovery") }
            Switch {
                id: lanSwitch
                objectName: "lanSwitch"
                text: checked ? qsTr("On") : qsTr("Off")
                Accessible.name: qsTr("Discover peers on the local network")
            }

            Label { text: qsTr("Interface") }
            TextField {
                id: interfaceField
                objectName: "lanInterfaceField"
                enabled: lanSwitch.checked
                placeholderText: qsTr("any (e.g. eth0, wlan0)")
                Accessible.name: qsTr("Network interface for LAN discovery")
                Layout.fillWidth: true
            }

            Label {
                text: qsTr("Manual peers")
                Layout.alignment: Qt.AlignTop
                Layout.topMargin: 6
            }
            ManualPeersEditor {
                id: peersEditor
                Layout.fillWidth: true
            }

            Label {
                text: qsTr("Your data")
                Layout.alignment: Qt.AlignTop
                Layout.topMargin: 6
            }
            ColumnLayout {
                spacing: 4
                Layout.fillWidth: true

                Button {
                    objectName: "wipeButton"
                    text: qsTr("Wipe everything…")
                    palette.buttonText: root.palette.window.hslLightness < 0.5 ? "#ff7b72"
                                                                               : "#c62828"
                    Accessible.name: qsTr("Wipe keys, history and settings")
                    onClicked: {
                        root.reject()
                        root.wipeRequested()
                    }
                }
                SmallLabel {
                    text: qsTr("Deletes your keys, history and settings and starts with a new "
                               + "identity. Also: /wipe in the message field.")
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
            }
        }
    }
}
