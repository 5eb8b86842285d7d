// SPDX-License-Identifier: GPL-3.0-or-later
// Edits a list of ws:// or wss:// peer URLs: one row per URL with a Remove button, a field
// and an Add button below. `urls` is the edited list (a plain JS array).
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

ColumnLayout {
    id: root

    property var urls: []

    function isValidUrl(text) {
        return /^wss?:\/\/[^\s\/?#]+(:\d+)?(\/\S*)?$/i.test(text)
    }

    function add() {
        const url = field.text.trim()
        if (!isValidUrl(url) || urls.indexOf(url) >= 0)
            return
        urls = urls.concat([url])
        field.clear()
    }

    function removeAt(index) {
        const copy = urls.slice()
        copy.splice(index, 1)
        urls = copy
    }

    spacing: 4

    Repeater {
        model: root.urls

        RowLayout {
            id: row
            required property string modelData
            required property int index
            Layout.fillWidth: true

            Label {
                text: row.modelData
                textFormat: Text.PlainText
                elide: Text.ElideMiddle
                Layout.fillWidth: true
            }
            Button {
                text: qsTr("Remove")
                Accessible.name: qsTr("Remove peer %1").arg(row.modelData)
                onClicked: root.removeAt(row.index)
            }
        }
    }

    Label {
        visible: root.urls.length === 0
        text: qsTr("No manual peers.")
        textFormat: Text.PlainText
        color: palette.placeholderText
    }

    RowLayout {
        Layout.fillWidth: true

        TextField {
            id: field
            objectName: "manualPeerField"
            placeholderText: qsTr("ws://host:port")
            Accessible.name: qsTr("Peer address")
            Layout.fillWidth: true
            onAccepted: root.add()
        }
        Button {
            objectName: "addManualPeer"
            text: qsTr("Add")
            enabled: root.isValidUrl(field.text.trim())
            Accessible.name: qsTr("Add peer address")
            onClicked: root.add()
        }
    }
    Label {
        visible: field.text.length > 0 && !root.isValidUrl(field.text.trim())
        text: qsTr("Use a ws:// or wss:// address, e.g. ws://192.168.1.20:4000")
        textFormat: Text.PlainText
        color: palette.placeholderText
        font.italic: true
    }
}
