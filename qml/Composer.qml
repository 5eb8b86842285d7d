// SPDX-License-Identifier: GPL-3.0-or-later
// The message field under the chat. Enter broadcasts, Shift+Enter starts a new line, a line
// starting with "/" is a command (/nick NAME, /who, /wipe, /help; "//" sends a literal "/").
// Never disabled: with no peers the node queues the message and the composer says so.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Meshcast.Ui
import "TextFormat.js" as TextFormat

Pane {
    id: root

    // Uses nickname (written by /nick), linkCount, maxMessageBytes and broadcast(text).
    required property MeshNode node
    // Peers listed by /who: a model with nickname, shortFingerprint, hops, linkType roles.
    required property var peers

    readonly property int maxBytes: node ? node.maxMessageBytes : 0
    readonly property int bytes: TextFormat.utf8Length(input.text)
    readonly property bool overLimit: bytes > maxBytes
    readonly property bool queueing: node ? node.linkCount === 0 : false
    readonly property color warningColor: palette.window.hslLightness < 0.5 ? "#ff7b72" : "#c62828"
    property alias text: input.text

    // A local line for the chat (command output, refusals); not sent to anyone.
    signal note(string text)
    // "/wipe": the window asks for confirmation before anything is deleted.
    signal wipeRequested()

    function focusInput() {
        input.forceActiveFocus()
    }

    function submit() {
        const text = input.text
        if (text.trim().length === 0)
            return
        if (text.startsWith("/") && !text.startsWith("//")) {
            if (runCommand(text.trim()))
                input.clear()
            return
        }
        const message = text.startsWith("//") ? text.substring(1) : text
        const size = TextFormat.utf8Length(message)
        if (size > maxBytes) {
            note(qsTr("Not sent: the message is %1 bytes, the limit is %2 bytes.")
                 .arg(size).arg(maxBytes))
            return
        }
        const queued = queueing
        if (!node.broadcast(message))
            return // the node's error(what) signal explains why; the text stays for editing
        input.clear()
        if (queued && !queuedNoteShown) {
            queuedNoteShown = true
            note(qsTr("No peers yet: your message is queued and goes out when a peer connects."))
        }
    }

    // Runs "/name argument"; false (text kept for editing) on a usage error or unknown command.
    function runCommand(line) {
        const match = /^\/(\S+)\s*([\s\S]*)$/.exec(line)
        const name = match[1].toLowerCase()
        const argument = match[2].trim()
        switch (name) {
        case "nick":
            if (argument.length === 0) {
                note(qsTr("Usage: /nick NAME"))
                return false
            }
            node.nickname = argument
            note(qsTr("You are now known as %1.").arg(argument))
            return true
        case "who":
            note(roster.describe())
            return true
        case "wipe":
            wipeRequested()
            return true
        case "help":
            note(qsTr("Commands: /nick NAME sets your nickname, /who lists peers, /wipe deletes "
                      + "your keys, history and settings (after asking), "
                      + "//text sends a message starting with \"/\"."))
            return true
        default:
            note(qsTr("Unknown command /%1. Commands: /nick NAME, /who, /wipe, /help.").arg(name))
            return false
        }
    }

    property bool queuedNoteShown: false
    onQueueingChanged: if (!queueing) queuedNoteShown = false

    PeerRoster {
        id: roster
        model: root.peers
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 4

        Label {
            objectName: "queuedHint"
            visible: root.queueing
            text: qsTr("No peers yet — messages are queued until someone is in range.")
            color: palette.placeholderText
            font.italic: true
            elide: Text.ElideRight
            Layout.fillWidth: true
            Accessible.name: text
        }

        RowLayout {
            spacing: 8
            Layout.fillWidth: true

            ScrollView {
                Layout.fillWidth: true
                Layout.preferredHeight: Math.min(input.implicitHeight, 160)
                background: Rectangle {
                    color: palette.base
                    radius: 2
                    border.color: input.activeFocus ? palette.highlight : palette.mid
                }

                TextArea {
                    id: input
                    objectName: "composerInput"
                    focus: true
                    wrapMode: TextArea.Wrap
                    placeholderText: root.queueing
                                     ? qsTr("Write a message (queued until a peer connects)…")
                                     : qsTr("Write a message to everyone in range…")
                    Accessible.name: qsTr("Message")
                    Accessible.description: qsTr("Enter sends, Shift+Enter starts a new line")

                    function handleReturn(event) {
                        if (event.modifiers & Qt.ShiftModifier) {
                            remove(selectionStart, selectionEnd)
                            insert(cursorPosition, "\n")
                        } else {
                            root.submit()
                        }
                        event.accepted = true
                    }
                    Keys.onReturnPressed: (event) => handleReturn(event)
                    Keys.onEnterPressed: (event) => handleReturn(event)
                }
            }

            ColumnLayout {
                spacing: 2
                Layout.alignment: Qt.AlignBottom
                // Its children fill its width, which would make it share the row with the field
                // by implicit widths; the field's shrinks once text is cleared (it went from 539
                // to 112 px after a command). The field takes the rest.
                Layout.fillWidth: false

                Button {
                    objectName: "sendButton"
                    text: qsTr("Send")
                    Accessible.name: qsTr("Send message")
                    Layout.fillWidth: true
                    onClicked: {
                        root.submit()
                        root.focusInput()
                    }
                }

                Label {
                    objectName: "byteCounter"
                    text: qsTr("%1 / %2").arg(root.bytes).arg(root.maxBytes)
                    color: root.overLimit ? root.warningColor : palette.placeholderText
                    font.bold: root.overLimit
                    horizontalAlignment: Text.AlignRight
                    Layout.fillWidth: true
                    Accessible.name: qsTr("%1 of %2 bytes used").arg(root.bytes).arg(root.maxBytes)
                }
            }
        }
    }
}
