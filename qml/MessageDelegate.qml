// SPDX-License-Identifier: GPL-3.0-or-later
// One chat row: a message (nickname in the sender's colour, time, hop badge, verified mark,
// queued/sent state for our own), a system line (joins, links, notes) in a quieter style, or one
// sender's collapsed flood with a Show button. The text is selectable, copyable from a context
// menu, and its http(s) URLs are links, opened only when clicked.
// Peer text is never markup: names are plain text, and the body is TextFormat.linkify()'s rich
// text, which escapes everything before adding its own links (issue 8 defect 11).
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Meshcast.Ui
import "TextFormat.js" as TextFormat
import "Formats.js" as Formats

Item {
    id: root

    // ChatModel roles.
    required property string text
    required property string senderNickname
    required property string displayName // isolated, "#1a2b" among namesakes
    required property string senderPeerId
    required property color senderColor
    required property date time
    required property int hops
    required property bool verified
    required property bool own
    required property int delivery
    required property int kind
    required property int systemEvent
    required property int hiddenCount
    required property int index

    // The user asked to see the messages this collapsed row hides.
    signal showHidden(int row)

    readonly property bool isCollapsed: kind === ChatModel.Collapsed
    readonly property bool isSystem: kind === ChatModel.System || isCollapsed
    readonly property string timeText: time.toLocaleTimeString(Qt.locale(), Locale.ShortFormat)

    implicitHeight: column.implicitHeight + 8
    Accessible.role: Accessible.ListItem
    Accessible.name: isSystem ? text : qsTr("%1 at %2: %3").arg(displayName).arg(timeText).arg(text)

    function systemIcon(event) {
        if (isCollapsed)
            return "⋯"
        switch (event) {
        case ChatModel.Joined: return "+"
        case ChatModel.Left: return "−"
        case ChatModel.NicknameChanged: return "✎"
        case ChatModel.LinkUp: return "↑"
        case ChatModel.LinkDown: return "↓"
        case ChatModel.Note: return "ℹ"
        default: return "•"
        }
    }

    Rectangle {
        anchors.fill: parent
        visible: root.own && !root.isSystem
        color: palette.alternateBase
    }

    ColumnLayout {
        id: column
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 4 }
        spacing: 2

        RowLayout {
            visible: !root.isSystem
            spacing: 6
            Layout.fillWidth: true

            Label {
                objectName: "senderNickname"
                text: root.displayName
                textFormat: Text.PlainText
                color: root.senderColor
                font.bold: true
                elide: Text.ElideRight
                Layout.maximumWidth: column.width / 2
                ToolTip.visible: nicknameHover.hovered
                ToolTip.text: qsTr("Peer ID %1").arg(root.senderPeerId)
                HoverHandler { id: nicknameHover }
            }
            Label {
                objectName: "verifiedMark"
                visible: root.verified
                text: "✓"
                textFormat: Text.PlainText
                color: root.senderColor
                ToolTip.visible: verifiedHover.hovered
                ToolTip.text: qsTr("Signature verified")
                HoverHandler { id: verifiedHover }
            }
            SmallLabel {
                objectName: "messageTime"
                text: root.timeText
            }
            SmallLabel {
                objectName: "hopBadge"
                visible: !root.own
                text: Formats.hopsText(root.hops)
                leftPadding: 4
                rightPadding: 4
                background: Rectangle {
                    radius: 3
                    color: "transparent"
                    border.color: palette.mid
                }
            }
            SmallLabel {
                objectName: "deliveryState"
                visible: root.own
                text: root.delivery === ChatModel.Queued ? qsTr("queued — no peers yet") : qsTr("sent")
                font.italic: root.delivery === ChatModel.Queued
            }
            Item { Layout.fillWidth: true }
        }

        RowLayout {
            spacing: 6
            Layout.fillWidth: true

            Label {
                objectName: "systemIcon"
                visible: root.isSystem
                text: root.systemIcon(root.systemEvent)
                textFormat: Text.PlainText
                color: palette.placeholderText
                Layout.alignment: Qt.AlignTop
            }
            TextEdit {
                id: body
                objectName: "messageText"
                // Always RichText: switching the format on a reused delegate would parse the old
                // text as markup for a moment. System rows are escaped without links.
                text: root.isSystem ? TextFormat.escapedHtml(root.text)
                                    : TextFormat.linkify(root.text, palette.link)
                textFormat: TextEdit.RichText
                readOnly: true
                selectByMouse: true
                wrapMode: TextEdit.Wrap
                color: root.isSystem ? palette.placeholderText : palette.text
                selectionColor: palette.highlight
                selectedTextColor: palette.highlightedText
                font.italic: root.isSystem
                Layout.fillWidth: true
                Accessible.name: root.text
                onLinkActivated: (link) => {
                    if (TextFormat.isWebLink(link))
                        Qt.openUrlExternally(link)
                }

                HoverHandler {
                    cursorShape: body.hoveredLink ? Qt.PointingHandCursor : Qt.IBeamCursor
                }
                TapHandler {
                    acceptedButtons: Qt.RightButton
                    onTapped: (eventPoint) => {
                        const menu = contextMenu.createObject(body)
                        menu.popup(eventPoint.position.x, eventPoint.position.y)
                    }
                }
            }
            Button {
                objectName: "showHidden"
                visible: root.isCollapsed && root.hiddenCount > 0
                text: qsTr("Show")
                flat: true
                Accessible.name: qsTr("Show the hidden messages")
                Layout.alignment: Qt.AlignTop
                onClicked: root.showHidden(root.index)
            }
            SmallLabel {
                visible: root.isSystem
                text: root.timeText
                Layout.alignment: Qt.AlignTop
            }
        }
    }

    Component {
        id: contextMenu

        Menu {
            onClosed: destroy()

            MenuItem {
                text: qsTr("Copy")
                enabled: body.selectedText.length > 0
                Accessible.name: qsTr("Copy selected text")
                onTriggered: body.copy()
            }
            MenuItem {
                text: qsTr("Copy message")
                Accessible.name: qsTr("Copy the whole message")
                onTriggered: {
                    body.selectAll()
                    body.copy()
                    body.deselect()
                }
            }
        }
    }
}
