// SPDX-License-Identifier: GPL-3.0-or-later
// Shown instead of the chat when the node cannot start: what is wrong (`message`, from the
// app), which file or folder (`path`, selectable to copy) and what the user can do about it.
// A damaged key file or history is never replaced behind the user's back: "Start fresh…" wipes
// only after the same confirmation as the emergency wipe. Quit ends the app (status 1).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

ApplicationWindow {
    id: root

    // "identity", "history", "directory", "network" or "wipe": what failed.
    required property string kind
    // The app's description of the failure.
    required property string message
    // The file or folder concerned; may be empty (network).
    required property string path
    // Where keys, history and settings live.
    required property string dataDir

    readonly property bool canStartFresh: kind === "identity" || kind === "history"

    signal quitRequested()
    signal wipeConfirmed()

    function advice() {
        switch (kind) {
        case "identity":
            return [qsTr("If you have a backup of your key file, quit, copy the backup over this "
                         + "file and start Meshcast again: you keep your identity."),
                    qsTr("To keep the damaged file for later, quit and move it out of this folder. "
                         + "Meshcast then starts with a new identity."),
                    qsTr("Or start fresh: delete the keys, history and settings in this folder and "
                         + "begin with a new identity.")]
        case "history":
            return [qsTr("If you have a backup of the history, quit and put it back in place of "
                         + "this file (with its -wal and -shm files, if any)."),
                    qsTr("To keep your identity but start with an empty history, quit and move the "
                         + "file and its -wal and -shm files out of this folder."),
                    qsTr("Or start fresh: delete the keys, history and settings in this folder and "
                         + "begin with a new identity.")]
        case "directory":
            return [qsTr("Check that this is a folder you may write to, or start Meshcast with "
                         + "--data-dir and a folder of your own.")]
        case "wipe":
            return [qsTr("Some files could not be deleted. Delete them yourself before you use "
                         + "Meshcast again: until then they still hold your old identity or "
                         + "messages.")]
        default:
            return [qsTr("Another program may be using the address Meshcast listens on. Quit it, "
                         + "or start Meshcast with another --listen address (or --listen none).")]
        }
    }

    width: 620
    height: 420
    minimumWidth: 420
    minimumHeight: 300
    visible: true
    title: qsTr("Meshcast cannot start")

    Component.onCompleted: quitButton.forceActiveFocus()

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 16
        spacing: 10

        Label {
            objectName: "problemTitle"
            text: root.kind === "identity" ? qsTr("Your key file cannot be used")
                : root.kind === "history" ? qsTr("Your message history cannot be opened")
                : root.kind === "directory" ? qsTr("The data folder cannot be used")
                : root.kind === "wipe" ? qsTr("The wipe did not finish")
                : qsTr("Meshcast cannot start")
            font.bold: true
            font.pointSize: Application.font.pointSize > 0 ? Application.font.pointSize * 1.3 : 13
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            objectName: "problemMessage"
            text: root.message
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        TextField {
            objectName: "problemPath"
            visible: root.path.length > 0
            text: root.path
            readOnly: true
            selectByMouse: true
            Accessible.name: qsTr("Location of the file")
            Layout.fillWidth: true
        }
        Label {
            text: qsTr("What you can do:")
            font.bold: true
            Layout.topMargin: 4
        }
        Repeater {
            model: root.advice()
            delegate: Label {
                required property string modelData
                objectName: "problemAdvice"
                text: "• " + modelData
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
        }
        Item {
            Layout.fillHeight: true
        }
        RowLayout {
            spacing: 8
            Layout.fillWidth: true

            Item {
                Layout.fillWidth: true
            }
            Button {
                objectName: "startFreshButton"
                visible: root.canStartFresh
                text: qsTr("Start fresh…")
                Accessible.name: qsTr("Wipe this folder and start with a new identity")
                onClicked: wipeDialog.open()
            }
            Button {
                id: quitButton
                objectName: "quitButton"
                text: qsTr("Quit")
                highlighted: true
                onClicked: root.quitRequested()
                Keys.onReturnPressed: root.quitRequested()
                Keys.onEnterPressed: root.quitRequested()
            }
        }
    }

    WipeDialog {
        id: wipeDialog
        objectName: "wipeDialog"
        dataDir: root.dataDir
        onConfirmed: root.wipeConfirmed()
        onClosed: quitButton.forceActiveFocus()
    }
}
