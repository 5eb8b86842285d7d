// SPDX-License-Identifier: GPL-3.0-or-later
// One peer in the side list: nickname in its colour, short fingerprint, how it is reached
// (direct or n hops, BLE/IP/relayed, RSSI when known) and when it was last heard. Everything is
// plain text; the name is the model's displayName (bidi-isolated, "#1a2b" among namesakes).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "Formats.js" as Formats

Item {
    id: root

    // PeerModel roles.
    required property string nickname
    required property string displayName
    required property string peerId
    required property string shortFingerprint
    required property int hops
    required property string linkType
    required property var rssi // int dBm, or undefined when the link does not report it
    required property date lastSeen
    required property bool direct
    required property color color

    // The time "last seen" is measured against; the list ticks it.
    property date now: new Date()

    readonly property bool hasRssi: rssi !== undefined && rssi !== null
    readonly property string hopsText: direct ? qsTr("direct") : Formats.hopsText(hops)

    implicitHeight: column.implicitHeight + 8
    Accessible.role: Accessible.ListItem
    Accessible.name: qsTr("%1, %2, %3, last seen %4").arg(displayName).arg(hopsText).arg(linkType)
                     .arg(Formats.agoText(lastSeen, now))

    ColumnLayout {
        id: column
        anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter
                  leftMargin: 8; rightMargin: 8 }
        spacing: 0

        RowLayout {
            spacing: 6
            Layout.fillWidth: true

            Label {
                objectName: "peerNickname"
                text: root.displayName
                textFormat: Text.PlainText
                color: root.color
                font.bold: true
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            SmallLabel {
                objectName: "peerFingerprint"
                text: root.shortFingerprint
                font.family: "monospace"
            }
        }

        RowLayout {
            spacing: 6
            Layout.fillWidth: true

            SmallLabel {
                objectName: "peerHops"
                text: root.hopsText
                color: palette.text
            }
            SmallLabel {
                objectName: "peerLinkType"
                text: root.linkType
            }
            SmallLabel {
                objectName: "peerRssi"
                visible: root.hasRssi
                text: root.hasRssi ? qsTr("%1 dBm").arg(root.rssi) : ""
            }
            Item { Layout.fillWidth: true }
            SmallLabel {
                objectName: "peerLastSeen"
                text: Formats.agoText(root.lastSeen, root.now)
            }
        }
    }
}
