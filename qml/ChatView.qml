// SPDX-License-Identifier: GPL-3.0-or-later
// The chat history, oldest at the top. Follows new rows while the user is at the bottom and
// stays put once they scroll up (a button jumps back). Reaching the top asks the model for
// older history (canFetchMore/fetchMore with an invalid parent).
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls

ListView {
    id: root

    // True while the view should stay at the newest row; cleared when the user scrolls up.
    property bool followTail: true

    function toBottom() {
        followTail = true
        positionViewAtEnd()
    }

    function fetchOlder() {
        if (!model || model.canFetchMore === undefined)
            return
        const top = model.index(-1, 0) // invalid index: the list's root
        if (model.canFetchMore(top))
            model.fetchMore(top)
    }

    function userMoved() {
        followTail = atYEnd
        if (atYBeginning)
            fetchOlder()
    }

    objectName: "chatList"
    clip: true
    spacing: 2
    reuseItems: true
    boundsBehavior: Flickable.StopAtBounds
    Accessible.role: Accessible.List
    Accessible.name: qsTr("Messages")

    delegate: MessageDelegate {
        width: ListView.view.width
        onShowHidden: (row) => root.model.showHidden(row)
    }

    onCountChanged: if (followTail) scrollToEnd.restart()
    onHeightChanged: if (followTail) scrollToEnd.restart()
    onMovementEnded: userMoved()
    onContentYChanged: if (moving || scrollBar.pressed) followTail = atYEnd
    Component.onCompleted: scrollToEnd.restart()

    // Scrolls once the inserted rows are laid out (coalesces a burst of inserts); while the
    // rows do not fill the view, asks for older history until they do or there is no more.
    Timer {
        id: scrollToEnd
        interval: 0
        onTriggered: {
            root.positionViewAtEnd()
            if (root.atYBeginning)
                root.fetchOlder()
        }
    }

    ScrollBar.vertical: ScrollBar {
        id: scrollBar
        Accessible.name: qsTr("Scroll messages")
        onPressedChanged: if (!pressed) root.userMoved()
    }

    Label {
        objectName: "emptyChatHint"
        anchors.centerIn: parent
        width: parent.width * 0.8
        visible: root.count === 0
        text: qsTr("No messages yet. What you write here is broadcast to everyone in range, "
                   + "hop by hop.")
        textFormat: Text.PlainText
        color: palette.placeholderText
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
    }

    RoundButton {
        objectName: "jumpToLatest"
        anchors { right: parent.right; bottom: parent.bottom; margins: 12 }
        visible: !root.followTail && !root.atYEnd
        text: "↓"
        Accessible.name: qsTr("Jump to the newest message")
        ToolTip.visible: hovered
        ToolTip.text: qsTr("Newest messages")
        onClicked: root.toBottom()
    }
}
