// SPDX-License-Identifier: GPL-3.0-or-later
// PeerList: the "Peers (N)" header follows the model; rows show nickname, hops, link type,
// RSSI when known and last seen.
pragma ComponentBehavior: Bound
import QtQuick
import QtTest
import "../../qml"

Item {
    id: scene
    width: 300
    height: 400

    Component {
        id: modelComponent

        ListModel {
            dynamicRoles: true // lets rssi be undefined, as the C++ model gives it
        }
    }

    Component {
        id: peerListComponent

        PeerList {
            anchors.fill: parent
        }
    }

    TestCase {
        id: testCase
        name: "PeerList"
        when: windowShown

        property PeerList peerList
        property ListModel peers

        // A row with every PeerModel role; displayName defaults to the nickname.
        function peer(fields) {
            return Object.assign({ nickname: "", peerId: "00", shortFingerprint: "0000 0000",
                                   hops: 0, linkType: "BLE", rssi: -60, lastSeen: new Date(),
                                   direct: true, color: "#3366cc",
                                   displayName: fields.nickname || "" }, fields)
        }

        function row(index, name) {
            const view = findChild(peerList, "peerList")
            let item = null
            tryVerify(() => (item = view.itemAtIndex(index)) !== null, 2000, "no row " + index)
            const label = findChild(item, name)
            verify(label, "no " + name + " in row " + index)
            return label
        }

        function init() {
            // A fresh model per test: a ListModel keeps the role types of its first row.
            peers = createTemporaryObject(modelComponent, testCase)
            peerList = createTemporaryObject(peerListComponent, scene, { peers: peers })
        }

        function test_headerCountFollowsModel() {
            const header = findChild(peerList, "peerHeader")
            compare(header.text, "Peers (0)")
            verify(findChild(peerList, "noPeersHint").visible)
            peers.append(peer({ nickname: "alice" }))
            tryCompare(header, "text", "Peers (1)", 2000)
            peers.append(peer({ nickname: "bob" }))
            tryCompare(header, "text", "Peers (2)", 2000)
            verify(!findChild(peerList, "noPeersHint").visible)
            peers.remove(0)
            tryCompare(header, "text", "Peers (1)", 2000)
            peers.clear()
            tryCompare(header, "text", "Peers (0)", 2000)
        }

        function test_directPeerRow() {
            peers.append(peer({ nickname: "alice", shortFingerprint: "aaaa 1111", rssi: -61,
                                color: "#aa0000" }))
            compare(row(0, "peerNickname").text, "alice")
            verify(Qt.colorEqual(row(0, "peerNickname").color, "#aa0000"))
            compare(row(0, "peerFingerprint").text, "aaaa 1111")
            compare(row(0, "peerHops").text, "direct")
            compare(row(0, "peerLinkType").text, "BLE")
            verify(row(0, "peerRssi").visible)
            compare(row(0, "peerRssi").text, "-61 dBm")
            compare(row(0, "peerLastSeen").text, "just now")
        }

        function test_relayedPeerRow() {
            peers.append(peer({ nickname: "carol", hops: 3, direct: false, linkType: "relayed",
                                rssi: undefined,
                                lastSeen: new Date(Date.now() - 5 * 60 * 1000) }))
            compare(row(0, "peerNickname").text, "carol")
            compare(row(0, "peerHops").text, "3 hops")
            compare(row(0, "peerLinkType").text, "relayed")
            verify(!row(0, "peerRssi").visible, "no RSSI for a relayed peer")
            compare(row(0, "peerLastSeen").text, "5 min ago")
        }

        function test_rowsFollowModelOrder() {
            peers.append(peer({ nickname: "alice" }))
            peers.append(peer({ nickname: "bob", hops: 1, direct: false, linkType: "IP" }))
            compare(row(0, "peerNickname").text, "alice")
            compare(row(1, "peerNickname").text, "bob")
            compare(row(1, "peerHops").text, "1 hop")
            compare(row(1, "peerLinkType").text, "IP")
            peers.move(1, 0, 1)
            const view = findChild(peerList, "peerList")
            tryVerify(() => view.itemAtIndex(0)
                      && findChild(view.itemAtIndex(0), "peerNickname").text === "bob", 2000)
        }
    }
}
