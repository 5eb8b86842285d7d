// SPDX-License-Identifier: GPL-3.0-or-later
// Shown once at start when the data directory or the key file was open to other users (issue 8,
// defect 10): each of `warnings` is a sentence from the app saying what it found and what it
// did about it.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Dialog {
    id: root

    // Translated sentences, one per finding.
    property var warnings: []

    title: qsTr("Your Meshcast files were not private")
    modal: true
    focus: true
    anchors.centerIn: Overlay.overlay
    standardButtons: Dialog.Ok

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        Repeater {
            model: root.warnings
            delegate: Label {
                required property string modelData
                objectName: "privacyWarning"
                text: modelData
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
                Layout.fillWidth: true
                Layout.preferredWidth: 420
            }
        }
    }
}
