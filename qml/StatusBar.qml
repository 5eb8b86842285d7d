// SPDX-License-Identifier: GPL-3.0-or-later
// The window footer: Bluetooth state, links in use, the IP endpoint, LAN discovery and, when
// any were dropped, how many packets failed checks.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Meshcast.Ui

ToolBar {
    id: root

    required property NodeStatus status

    readonly property bool bluetoothProblem: status.bluetoothState === NodeStatus.NoAdapter
                                             || status.bluetoothState === NodeStatus.NeedsPermission
    readonly property bool bluetoothActive: status.bluetoothState === NodeStatus.Scanning
                                            || status.bluetoothState === NodeStatus.Advertising
    readonly property color warningColor: palette.window.hslLightness < 0.5 ? "#ff7b72" : "#c62828"

    Accessible.role: Accessible.StatusBar
    Accessible.name: qsTr("Status")

    component Separator: Rectangle {
        implicitWidth: 1
        Layout.fillHeight: true
        Layout.margins: 4
        color: palette.mid
    }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 8
        anchors.rightMargin: 8
        spacing: 8

        Rectangle {
            implicitWidth: 8
            implicitHeight: 8
            radius: 4
            color: root.bluetoothActive ? "#2e9f4f" : root.bluetoothProblem ? root.warningColor
                                                                           : palette.mid
        }
        Label {
            objectName: "bluetoothStatus"
            text: root.status.bluetoothText
            textFormat: Text.PlainText
            color: root.bluetoothProblem ? root.warningColor : palette.windowText
            elide: Text.ElideRight
            Layout.maximumWidth: root.width / 3
            ToolTip.visible: bluetoothHover.hovered && truncated
            ToolTip.text: text
            HoverHandler { id: bluetoothHover }
        }
        Separator {}
        Label {
            objectName: "linksStatus"
            text: qsTr("links %1/%2").arg(root.status.linkCount).arg(root.status.linkLimit)
            textFormat: Text.PlainText
        }
        Separator {}
        Label {
            objectName: "ipStatus"
            text: root.status.ipAddress.length > 0 ? root.status.ipAddress : qsTr("IP off")
            textFormat: Text.PlainText
        }
        Separator {}
        Label {
            objectName: "lanStatus"
            text: root.status.lanDiscoveryText
            textFormat: Text.PlainText
        }
        Item { Layout.fillWidth: true }
        Label {
            objectName: "rejectedStatus"
            visible: root.status.rejectedPackets > 0
            text: qsTr("%1 rejected").arg(root.status.rejectedPackets)
            textFormat: Text.PlainText
            color: palette.placeholderText
            ToolTip.visible: rejectedHover.hovered
            ToolTip.text: qsTr("Packets dropped because they failed to decode or verify")
            HoverHandler { id: rejectedHover }
        }
    }
}
