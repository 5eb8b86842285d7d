// SPDX-License-Identifier: GPL-3.0-or-later
// The emergency wipe's confirmation (opened by Settings → "Wipe everything…" and by /wipe):
// says what is deleted and that it cannot be undone. Cancel has the focus, so Enter, Space and
// Escape never wipe; only the "Wipe and start fresh" button emits `confirmed`.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Dialog {
    id: root

    // Where the keys, history and settings are, as shown to the user.
    property string dataDir

    signal confirmed()

    title: qsTr("Wipe everything and start fresh?")
    modal: true
    focus: true
    closePolicy: Popup.CloseOnEscape
    anchors.centerIn: Overlay.overlay

    onOpened: cancelButton.forceActiveFocus()
    onAccepted: confirmed()

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        Label {
            objectName: "wipeExplanation"
            text: qsTr("This deletes your keys, your message history and your settings from this "
                       + "computer, then starts Meshcast again with a new identity. People in range "
                       + "will see you as someone new. This cannot be undone.")
            wrapMode: Text.Wrap
            Layout.fillWidth: true
            Layout.preferredWidth: 380
        }
        SmallLabel {
            objectName: "wipeLocation"
            visible: root.dataDir.length > 0
            text: qsTr("Folder: %1").arg(root.dataDir)
            textFormat: Text.PlainText
            wrapMode: Text.WrapAnywhere
            Layout.fillWidth: true
        }
    }

    footer: DialogButtonBox {
        Button {
            id: cancelButton
            objectName: "wipeCancel"
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
        Button {
            objectName: "wipeConfirm"
            text: qsTr("Wipe and start fresh")
            // Enter on this button would confirm; it never has focus unless tabbed to.
            DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
            palette.buttonText: root.palette.window.hslLightness < 0.5 ? "#ff7b72" : "#c62828"
            Accessible.name: qsTr("Wipe keys, history and settings and start with a new identity")
        }
    }
}
