// SPDX-License-Identifier: GPL-3.0-or-later
// Asked on first run (no saved nickname): the name others see next to our messages.
// It can only be closed with a non-empty name; `chosen` carries the trimmed name.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Dialog {
    id: root

    // Pre-filled suggestion, e.g. the node's generated nickname.
    property string suggestion
    readonly property string nickname: field.text.trim()

    signal chosen(string nickname)

    title: qsTr("Choose a nickname")
    modal: true
    closePolicy: Popup.NoAutoClose
    anchors.centerIn: Overlay.overlay
    standardButtons: Dialog.Ok

    focus: true
    onAboutToShow: {
        field.text = suggestion
        field.selectAll()
    }
    onOpened: field.forceActiveFocus()
    onAccepted: chosen(nickname)

    Component.onCompleted: standardButton(Dialog.Ok).enabled = Qt.binding(() => nickname.length > 0)

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        Label {
            text: qsTr("Everyone in range sees this name next to your messages. You can change it "
                       + "later in Settings or with /nick NAME.")
                       textFormat: Text.PlainText
            wrapMode: Text.Wrap
            Layout.fillWidth: true
            Layout.preferredWidth: 320
        }
        TextField {
            id: field
            objectName: "nicknameField"
            focus: true
            placeholderText: qsTr("Nickname")
            maximumLength: 64
            Accessible.name: qsTr("Nickname")
            Layout.fillWidth: true
            onAccepted: if (root.nickname.length > 0) root.accept()
        }
    }
}
