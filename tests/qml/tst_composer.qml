// SPDX-License-Identifier: GPL-3.0-or-later
// Composer: Enter sends, Shift+Enter breaks the line, the UTF-8 byte counter and limit,
// /nick, /who, unknown commands, and that it stays usable without peers.
pragma ComponentBehavior: Bound
import QtQuick
import QtTest
import Meshcast.Ui
import "../../qml"

Item {
    id: scene
    width: 640
    height: 240

    Component {
        id: nodeComponent

        MeshNode {
            nickname: "me"
        }
    }

    ListModel {
        id: peers
    }

    Component {
        id: composerComponent

        Composer {
            width: scene.width
        }
    }

    TestCase {
        id: testCase
        name: "Composer"
        when: windowShown

        property Composer composer
        property MeshNode node

        SignalSpy {
            id: notes
            signalName: "note"
        }
        Component {
            id: spyComponent
            SignalSpy {}
        }

        function child(name) {
            const item = findChild(composer, name)
            verify(item, "no item named " + name)
            return item
        }

        function type(text) {
            for (const character of text)
                keyClick(character)
        }

        function lastNote() {
            verify(notes.count > 0, "no note")
            return notes.signalArguments[notes.count - 1][0]
        }

        function init() {
            peers.clear()
            node = createTemporaryObject(nodeComponent, testCase)
            composer = createTemporaryObject(composerComponent, scene, { node: node, peers: peers })
            notes.clear()
            notes.target = composer
            composer.focusInput()
            tryVerify(() => child("composerInput").activeFocus, 2000)
        }

        function test_enterSendsAndClears() {
            type("hello")
            compare(child("composerInput").text, "hello")
            keyClick(Qt.Key_Return)
            compare(node.sent, ["hello"])
            compare(child("composerInput").text, "")
            compare(child("byteCounter").text, "0 / 4096")
        }

        function test_keypadEnterSends() {
            type("hi")
            keyClick(Qt.Key_Enter, Qt.KeypadModifier)
            compare(node.sent, ["hi"])
        }

        function test_shiftEnterInsertsNewlineAndDoesNotSend() {
            type("one")
            keyClick(Qt.Key_Return, Qt.ShiftModifier)
            type("two")
            compare(child("composerInput").text, "one\ntwo")
            compare(node.sent.length, 0)
            keyClick(Qt.Key_Return)
            compare(node.sent, ["one\ntwo"])
        }

        function test_emptyMessageIsNotSent() {
            type("   ")
            keyClick(Qt.Key_Return)
            compare(node.sent.length, 0)
        }

        function test_counterCountsUtf8Bytes_data() {
            return [
                { tag: "ascii", text: "abc", counter: "3 / 4096" },
                { tag: "e acute is 2 bytes", text: "é", counter: "2 / 4096" },
                { tag: "euro sign is 3 bytes", text: "€", counter: "3 / 4096" },
                { tag: "emoji is 4 bytes", text: "😀", counter: "4 / 4096" },
                { tag: "newline is 1 byte", text: "a\nb", counter: "3 / 4096" }
            ]
        }
        function test_counterCountsUtf8Bytes(data) {
            child("composerInput").text = data.text
            compare(child("byteCounter").text, data.counter)
        }

        function test_overLimitIsRefusedWithNote() {
            node.maxMessageBytes = 10
            child("composerInput").text = "ééééé" // 10 bytes: at the limit
            compare(child("byteCounter").text, "10 / 10")
            verify(Qt.colorEqual(child("byteCounter").color, composer.palette.placeholderText))
            child("composerInput").text = "éééééé" // 12 bytes
            compare(child("byteCounter").text, "12 / 10")
            verify(Qt.colorEqual(child("byteCounter").color, composer.warningColor))
            keyClick(Qt.Key_Return)
            compare(node.sent.length, 0)
            compare(notes.count, 1)
            verify(lastNote().indexOf("Not sent") >= 0, lastNote())
            verify(lastNote().indexOf("12 bytes") >= 0, lastNote())
            compare(child("composerInput").text, "éééééé", "the text stays for editing")
        }

        function test_nickSetsNickname() {
            type("/nick alice")
            keyClick(Qt.Key_Return)
            compare(node.nickname, "alice")
            compare(node.sent.length, 0)
            compare(child("composerInput").text, "")
            verify(lastNote().indexOf("alice") >= 0, lastNote())
        }

        function test_nickWithoutNameShowsUsage() {
            type("/nick   ")
            keyClick(Qt.Key_Return)
            compare(node.nickname, "me")
            verify(lastNote().indexOf("/nick NAME") >= 0, lastNote())
        }

        function test_whoListsPeers() {
            peers.append({ nickname: "alice", displayName: "alice", shortFingerprint: "aaaa 1111",
                           hops: 0, linkType: "BLE" })
            peers.append({ nickname: "bob", displayName: "bob#b0b0", shortFingerprint: "bbbb 2222",
                           hops: 2, linkType: "relayed" })
            type("/who")
            keyClick(Qt.Key_Return)
            compare(node.sent.length, 0)
            compare(notes.count, 1)
            const note = lastNote()
            verify(note.startsWith("Peers (2):"), note)
            verify(note.indexOf("alice (aaaa 1111) — direct, BLE") >= 0, note)
            verify(note.indexOf("bob#b0b0 (bbbb 2222) — 2 hops, relayed") >= 0, note)
            compare(child("composerInput").text, "")
        }

        function test_whoWithoutPeers() {
            type("/who")
            keyClick(Qt.Key_Return)
            compare(lastNote(), "No peers in range yet.")
        }

        function test_unknownCommandAddsNote() {
            type("/frobnicate now")
            keyClick(Qt.Key_Return)
            compare(node.sent.length, 0)
            verify(lastNote().indexOf("Unknown command /frobnicate") >= 0, lastNote())
        }

        function test_wipeCommandOnlyAsksTheWindow() {
            const asked = createTemporaryObject(spyComponent, testCase,
                                                { target: composer, signalName: "wipeRequested" })
            type("/wipe")
            keyClick(Qt.Key_Return)
            compare(asked.count, 1, "the window is asked to confirm")
            compare(node.sent.length, 0, "nothing is broadcast")
            compare(child("composerInput").text, "")
            type("/help")
            keyClick(Qt.Key_Return)
            verify(lastNote().indexOf("/wipe") >= 0, lastNote())
        }

        function test_fieldKeepsItsWidthAfterSending_data() {
            return [{ tag: "command", text: "/who" }, { tag: "message", text: "hello" }]
        }
        function test_fieldKeepsItsWidthAfterSending(data) {
            const input = child("composerInput")
            const before = input.width
            verify(before > composer.width / 2, "the field is most of the row: " + before)
            type(data.text)
            keyClick(Qt.Key_Return)
            compare(input.text, "")
            tryVerify(() => input.width === before, 1000,
                      "the field keeps its width: " + before + " then " + input.width)
            verify(child("sendButton").width < composer.width / 4, child("sendButton").width)
        }

        function test_doubleSlashSendsLiteralSlash() {
            type("//shrug")
            keyClick(Qt.Key_Return)
            compare(node.sent, ["/shrug"])
        }

        function test_neverDisabledWithoutPeers() {
            compare(node.linkCount, 0)
            verify(child("composerInput").enabled)
            verify(child("sendButton").enabled)
            verify(child("queuedHint").visible)
            type("anyone?")
            mouseClick(child("sendButton"))
            compare(node.sent, ["anyone?"])
            compare(notes.count, 1)
            verify(lastNote().indexOf("queued") >= 0, lastNote())
            type("still there?")
            keyClick(Qt.Key_Return)
            compare(node.sent.length, 2)
            compare(notes.count, 1, "the queued note is shown once")
            verify(child("composerInput").activeFocus, "focus stays in the composer")

            node.linkCount = 2
            verify(!child("queuedHint").visible)
            type("now")
            keyClick(Qt.Key_Return)
            compare(notes.count, 1, "no queued note with peers")
        }

        function test_refusedBroadcastKeepsText() {
            node.refuseAll = true
            type("kept")
            keyClick(Qt.Key_Return)
            compare(child("composerInput").text, "kept")
        }
    }
}
