// SPDX-License-Identifier: GPL-3.0-or-later
// MessageDelegate: own queued/sent state, hop badge, verified mark, system row style, links,
// and that HTML in a message is shown literally.
pragma ComponentBehavior: Bound
import QtQuick
import QtTest
import Meshcast.Ui
import "../../qml"

Item {
    id: scene
    width: 500
    height: 300

    Component {
        id: delegateComponent

        MessageDelegate {
            width: scene.width
        }
    }

    TestCase {
        id: testCase
        name: "MessageDelegate"
        when: windowShown

        function make(fields) {
            const roles = Object.assign({
                text: "hello", senderNickname: "alice", senderPeerId: "0011223344556677",
                senderColor: "#aa0000", time: new Date(2024, 0, 1, 9, 30), hops: 0,
                verified: false, own: false, delivery: ChatModel.Received,
                kind: ChatModel.Message, systemEvent: ChatModel.None, displayName: "alice",
                hiddenCount: 0, index: 0
            }, fields)
            const item = createTemporaryObject(delegateComponent, scene, roles)
            verify(item, "delegate not created")
            return item
        }

        function child(item, name) {
            const found = findChild(item, name)
            verify(found, "no item named " + name)
            return found
        }

        // The plain text the user sees in the message body.
        function shownText(item) {
            const body = child(item, "messageText")
            return body.getText(0, body.length)
        }

        // The link under the middle of the first character of `needle` in the body, or "".
        function linkAtText(item, needle) {
            const body = child(item, "messageText")
            const index = shownText(item).indexOf(needle)
            verify(index >= 0, needle + " not shown")
            const rect = body.positionToRectangle(index + 1)
            return body.linkAt(rect.x + 1, rect.y + rect.height / 2)
        }

        function test_messageShowsSenderTimeAndHops() {
            const item = make({ hops: 2 })
            compare(child(item, "senderNickname").text, "alice")
            verify(Qt.colorEqual(child(item, "senderNickname").color, "#aa0000"))
            verify(child(item, "messageTime").text.length > 0)
            verify(child(item, "hopBadge").visible)
            compare(child(item, "hopBadge").text, "2 hops")
            verify(!child(item, "deliveryState").visible, "no delivery state on others' messages")
            compare(shownText(item), "hello")
        }

        function test_directMessageBadge() {
            compare(child(make({ hops: 0 }), "hopBadge").text, "direct")
        }

        function test_verifiedMark() {
            verify(child(make({ verified: true }), "verifiedMark").visible)
            verify(!child(make({ verified: false }), "verifiedMark").visible)
        }

        function test_ownQueuedMessage() {
            const item = make({ own: true, delivery: ChatModel.Queued, senderNickname: "me" })
            verify(child(item, "deliveryState").visible)
            compare(child(item, "deliveryState").text, "queued — no peers yet")
            verify(!child(item, "hopBadge").visible, "no hop badge on own messages")
        }

        function test_ownSentMessage() {
            const item = make({ own: true, delivery: ChatModel.Sent })
            compare(child(item, "deliveryState").text, "sent")
        }

        function test_systemRowStyle() {
            const item = make({ kind: ChatModel.System, systemEvent: ChatModel.Joined,
                                text: "bob joined", senderNickname: "" })
            verify(!child(item, "senderNickname").visible, "no sender line on system rows")
            verify(child(item, "systemIcon").visible)
            compare(child(item, "systemIcon").text, "+")
            const body = child(item, "messageText")
            verify(body.font.italic)
            verify(Qt.colorEqual(body.color, item.palette.placeholderText))
            compare(shownText(item), "bob joined")

            const message = make({})
            verify(!child(message, "systemIcon").visible)
            verify(!child(message, "messageText").font.italic)
        }

        function test_urlBecomesLink() {
            const item = make({ text: "see https://example.org/a?b=1&c=2 and more" })
            compare(shownText(item), "see https://example.org/a?b=1&c=2 and more")
            compare(linkAtText(item, "https://"), "https://example.org/a?b=1&c=2")
            compare(linkAtText(item, "more"), "")
        }

        function test_htmlIsShownLiterally() {
            const text = "<b>bold</b> & <a href=\"javascript:alert(1)\">click</a>"
            const item = make({ text: text })
            compare(shownText(item), text)
            compare(linkAtText(item, "click"), "", "no link from user HTML")
            verify(!child(item, "messageText").font.bold)
        }

        function test_longMessageWraps() {
            const item = make({ text: "word ".repeat(200) })
            verify(child(item, "messageText").lineCount > 3)
            verify(child(item, "messageText").width <= scene.width)
            const lineHeight = child(item, "senderNickname").height
            tryVerify(() => item.height > 3 * lineHeight, 2000, "the row grows with the text")
        }

        function test_lineBreaksAreKept() {
            compare(child(make({ text: "one\ntwo" }), "messageText").lineCount, 2)
        }
    }
}
