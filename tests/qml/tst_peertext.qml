// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 8 defects 11, 12 and 7 as the delegates show them: hostile nicknames and messages are
// shown literally (plain text, never markup, no <img> in any rich text), peer names arrive
// bidi-isolated and are shown exactly so, namesakes carry their suffix, and a collapsed flood
// row offers Show. The no-fetch proof against a local HTTP server is tests/ui/WindowPeerTextTest.
pragma ComponentBehavior: Bound
import QtQuick
import QtTest
import Meshcast.Ui
import "../../qml"

Item {
    id: scene
    width: 900
    height: 400

    readonly property string fsi: "\u2068"
    readonly property string pdi: "\u2069"
    readonly property string imgTag: "<img src=\"http://127.0.0.1:9/x.png\" width=\"400\">"

    Component {
        id: messageComponent

        MessageDelegate {
            width: scene.width
        }
    }

    Component {
        id: peerComponent

        PeerDelegate {
            width: scene.width
        }
    }

    Component {
        id: modelComponent

        ListModel {
            dynamicRoles: true
        }
    }

    Component {
        id: rosterComponent

        PeerRoster {}
    }

    TextMetrics {
        id: metrics
    }

    TestCase {
        id: testCase
        name: "PeerText"
        when: windowShown

        function message(fields) {
            const roles = Object.assign({
                text: "hello", senderNickname: "alice", displayName: "alice",
                senderPeerId: "0011223344556677", senderColor: "#aa0000",
                time: new Date(2024, 0, 1, 9, 30), hops: 0, verified: true, own: false,
                delivery: ChatModel.Received, kind: ChatModel.Message,
                systemEvent: ChatModel.None, hiddenCount: 0, index: 0
            }, fields)
            const item = createTemporaryObject(messageComponent, scene, roles)
            verify(item, "delegate not created")
            return item
        }

        function peer(fields) {
            const roles = Object.assign({
                nickname: "alice", displayName: "alice", peerId: "0011223344556677",
                shortFingerprint: "0011 2233", hops: 0, linkType: "IP", rssi: undefined,
                lastSeen: new Date(), direct: true, color: "#aa0000"
            }, fields)
            const item = createTemporaryObject(peerComponent, scene, roles)
            verify(item, "delegate not created")
            return item
        }

        function child(item, name) {
            const found = findChild(item, name)
            verify(found, "no item named " + name)
            return found
        }

        // A label shows `expected` character for character: plain text, as wide as the
        // literal string (markup would be shorter, an <img width=400> far wider).
        function verifyLiteral(label, expected) {
            compare(label.text, expected)
            compare(label.textFormat, Text.PlainText, label.objectName + " must be plain text")
            metrics.font = label.font
            metrics.text = expected
            verify(Math.abs(label.implicitWidth - label.leftPadding - label.rightPadding
                            - metrics.advanceWidth) < 2,
                   label.objectName + " is " + label.implicitWidth + " wide, the literal "
                   + metrics.advanceWidth)
        }

        function test_markupNicknameInAMessageIsShownLiterally() {
            const name = scene.fsi + scene.imgTag + "<b>x</b>" + scene.pdi
            const item = message({ senderNickname: scene.imgTag + "<b>x</b>", displayName: name })
            verifyLiteral(child(item, "senderNickname"), name)
            verify(item.Accessible.name.indexOf(name) === 0, item.Accessible.name)
        }

        function test_markupNicknameInThePeerListIsShownLiterally() {
            const name = scene.fsi + scene.imgTag + scene.pdi + "#0011"
            const item = peer({ nickname: scene.imgTag, displayName: name })
            verifyLiteral(child(item, "peerNickname"), name)
        }

        function test_markupMessageIsEscapedNotInterpreted() {
            const text = scene.imgTag + " <b>bold</b> <i>it</i> <style>*{}</style>"
            const item = message({ text: text })
            const body = child(item, "messageText")
            compare(body.getText(0, body.length), text, "every character is shown")
            verify(body.text.indexOf("<img") < 0, "no <img> reaches the rich text: " + body.text)
            verify(body.text.indexOf("<b>") < 0, "no <b> reaches the rich text")
            verify(!body.font.bold)
        }

        function test_markupInASystemRowIsEscaped() {
            const text = scene.fsi + scene.imgTag + " http://127.0.0.1:9/" + scene.pdi + " joined"
            const item = message({ kind: ChatModel.System, systemEvent: ChatModel.Joined,
                                   text: text })
            const body = child(item, "messageText")
            compare(body.getText(0, body.length), text)
            verify(body.text.indexOf("<img") < 0, body.text)
            verify(body.text.indexOf("<a ") < 0, "a name in a system row is no link: " + body.text)
        }

        function test_rightToLeftOverrideStaysInsideItsIsolate() {
            // What the model hands over is shown unchanged: the isolate ends the override
            // before anything that follows on the line.
            const name = scene.fsi + "\u202Egnp.exe" + scene.pdi + "#0011"
            const item = message({ senderNickname: "\u202Egnp.exe", displayName: name })
            compare(child(item, "senderNickname").text, name)
            const row = peer({ nickname: "\u202Egnp.exe", displayName: name })
            compare(child(row, "peerNickname").text, name)
            verify(row.Accessible.name.indexOf(name + ", direct") === 0, row.Accessible.name)
        }

        function test_secondaryLabelsArePlainText() {
            const item = peer({ shortFingerprint: "<b>0011</b>", linkType: "<i>IP</i>" })
            compare(child(item, "peerFingerprint").textFormat, Text.PlainText)
            compare(child(item, "peerLinkType").textFormat, Text.PlainText)
            compare(child(item, "peerLastSeen").textFormat, Text.PlainText)
            const row = message({ hops: 2 })
            compare(child(row, "hopBadge").textFormat, Text.PlainText)
            compare(child(row, "messageTime").textFormat, Text.PlainText)
        }

        function test_whoListsDisplayNames() {
            const peers = createTemporaryObject(modelComponent, testCase)
            peers.append({ displayName: scene.fsi + "sam" + scene.pdi + "#1a2b",
                           shortFingerprint: "1a2b 3c4d", hops: 0, linkType: "IP" })
            peers.append({ displayName: scene.fsi + "sam" + scene.pdi + "#9f0e",
                           shortFingerprint: "9f0e 1111", hops: 2, linkType: "relayed" })
            const roster = createTemporaryObject(rosterComponent, testCase, { model: peers })
            const lines = roster.describe().split("\n")
            compare(lines.length, 3)
            compare(lines[1], "• " + scene.fsi + "sam" + scene.pdi + "#1a2b (1a2b 3c4d) — direct, IP")
            compare(lines[2], "• " + scene.fsi + "sam" + scene.pdi
                    + "#9f0e (9f0e 1111) — 2 hops, relayed")
        }

        function test_collapsedFloodRowOffersShow() {
            const item = message({ kind: ChatModel.Collapsed, index: 7, hiddenCount: 5,
                                   text: "bob sent 2,941 messages in 10 s — hidden" })
            verify(!child(item, "senderNickname").visible, "a collapsed row has no sender line")
            const body = child(item, "messageText")
            compare(body.getText(0, body.length), "bob sent 2,941 messages in 10 s — hidden")
            const show = child(item, "showHidden")
            verify(show.visible)
            const spy = createTemporaryQmlObject("import QtTest; SignalSpy { signalName: "
                                                 + "\"showHidden\" }", testCase)
            spy.target = item
            mouseClick(show)
            compare(spy.count, 1)
            compare(spy.signalArguments[0][0], 7)

            verify(!child(message({ kind: ChatModel.Collapsed, hiddenCount: 0 }),
                          "showHidden").visible, "nothing left to show")
            verify(!child(message({}), "showHidden").visible, "no Show on a message")
        }
    }
}
