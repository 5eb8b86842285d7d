// SPDX-License-Identifier: GPL-3.0-or-later
// The peers beside the chat: a "Peers (N)" header and one animated row per peer, in the
// order of the model it is given (PeerSortFilterModel: direct first, then hops, then name).
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Pane {
    id: root

    // The sorted peer model (PeerSortFilterModel, or a ListModel with PeerModel roles).
    required property var peers

    readonly property int count: list.count

    padding: 0
    Accessible.role: Accessible.Pane
    Accessible.name: header.text

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        Label {
            id: header
            objectName: "peerHeader"
            text: qsTr("Peers (%1)").arg(list.count)
            textFormat: Text.PlainText
            font.bold: true
            padding: 8
            Layout.fillWidth: true
        }

        ListView {
            id: list
            objectName: "peerList"
            model: root.peers
            clip: true
            Layout.fillWidth: true
            Layout.fillHeight: true
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Peers")

            // Ticks the "last seen" texts.
            property date now: new Date()
            Timer {
                interval: 30000
                running: true
                repeat: true
                onTriggered: list.now = new Date()
            }

            delegate: PeerDelegate {
                width: ListView.view.width
                now: list.now
            }

            add: Transition {
                NumberAnimation { property: "opacity"; from: 0; to: 1; duration: 200 }
                NumberAnimation { property: "x"; from: -20; to: 0; duration: 200 }
            }
            remove: Transition {
                NumberAnimation { property: "opacity"; to: 0; duration: 200 }
            }
            displaced: Transition {
                NumberAnimation { properties: "x,y"; duration: 200; easing.type: Easing.OutQuad }
                NumberAnimation { property: "opacity"; to: 1; duration: 200 }
            }

            ScrollBar.vertical: ScrollBar {
                Accessible.name: qsTr("Scroll peers")
            }

            Label {
                objectName: "noPeersHint"
                anchors.centerIn: parent
                width: parent.width - 16
                visible: list.count === 0
                text: qsTr("No peers yet. Peers appear here when they come into Bluetooth range "
                           + "or connect over IP.")
                           textFormat: Text.PlainText
                color: palette.placeholderText
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
            }
        }
    }
}
