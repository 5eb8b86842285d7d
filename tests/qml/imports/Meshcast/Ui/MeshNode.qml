// SPDX-License-Identifier: GPL-3.0-or-later
// Test stand-in for the C++ MeshNode: records broadcasts in `sent`; refuses empty text, or
// everything while `refuseAll` is set.
import QtQml

QtObject {
    id: root

    property string nickname: "anon1234"
    property string peerId: "0123456789abcdef"
    property string fingerprint: "abcd ef01 2345 6789"
    property int linkCount: 0
    property int linkLimit: 8
    property int maxMessageBytes: 4096
    property var sent: []
    property bool refuseAll: false

    signal error(string what)

    function broadcast(text) {
        if (text.length === 0 || refuseAll) {
            error(refuseAll ? "not storable" : "empty message")
            return false
        }
        sent = sent.concat([text])
        return true
    }
}
