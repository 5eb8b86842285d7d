// SPDX-License-Identifier: GPL-3.0-or-later
// ChatView: follows new rows while at the bottom, stays put once the user scrolls up, the
// jump button brings the newest rows back, and Show on a collapsed flood asks the model.
pragma ComponentBehavior: Bound
import QtQuick
import QtTest
import Meshcast.Ui
import "../../qml"

Item {
    id: scene
    width: 400
    height: 300

    Component {
        id: modelComponent

        ChatModel {}
    }

    Component {
        id: viewComponent

        ChatView {
            anchors.fill: parent
        }
    }

    TestCase {
        id: testCase
        name: "ChatView"
        when: windowShown

        property ChatModel chat
        property ChatView view

        function addMessages(count) {
            for (let i = 0; i < count; ++i)
                chat.append(chat.row({ text: "message " + chat.count, senderNickname: "bob" }))
        }

        // Waits until the newest row is laid out and in view, and the queued scroll has run.
        function waitAtNewest() {
            tryVerify(() => view.contentHeight > view.height && view.atYEnd
                      && view.itemAtIndex(chat.count - 1) !== null, 2000, "at the newest row")
            waitForRendering(view)
        }

        function init() {
            chat = createTemporaryObject(modelComponent, testCase)
            view = createTemporaryObject(viewComponent, scene, { model: chat })
        }

        function test_emptyHint() {
            verify(findChild(view, "emptyChatHint").visible)
            addMessages(1)
            tryVerify(() => !findChild(view, "emptyChatHint").visible, 2000)
        }

        function test_followsNewRowsAtTheBottom() {
            addMessages(40)
            waitAtNewest()
            addMessages(1)
            waitAtNewest()
            verify(!findChild(view, "jumpToLatest").visible)
        }

        function test_staysPutWhenScrolledUp() {
            addMessages(40)
            waitAtNewest()
            mouseDrag(view, view.width / 2, 40, 0, 200)
            tryVerify(() => !view.moving, 3000)
            verify(!view.atYEnd, "scrolled up")
            verify(!view.followTail)
            const y = view.contentY
            addMessages(3)
            tryCompare(view, "count", 43, 2000)
            waitForRendering(view) // a (wrongly) queued positionViewAtEnd would have run
            compare(view.contentY, y, "the view does not jump")
            const jump = findChild(view, "jumpToLatest")
            verify(jump.visible)
            mouseClick(jump)
            waitAtNewest()
            verify(view.followTail)
            addMessages(1)
            waitAtNewest()
        }

        function test_wheelUpStopsFollowing() {
            addMessages(40)
            waitAtNewest()
            mouseWheel(view, view.width / 2, view.height / 2, 0, 240)
            tryVerify(() => !view.followTail && !view.moving, 3000)
            verify(!view.atYEnd)
        }
    
        function test_showAsksTheModelForTheCollapsedRow() {
            addMessages(2)
            chat.append(chat.row({ kind: ChatModel.Collapsed, senderNickname: "bob",
                                   text: "bob sent 40 messages in 2 s — hidden", hiddenCount: 40 }))
            let item = null
            tryVerify(() => (item = view.itemAtIndex(2)) !== null, 2000)
            const show = findChild(item, "showHidden")
            verify(show && show.visible)
            mouseClick(show)
            compare(chat.shown, [2])
        }
    }
}
