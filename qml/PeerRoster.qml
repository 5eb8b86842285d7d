// SPDX-License-Identifier: GPL-3.0-or-later
// Reads a peer model row by row for text output (/who). Works with any list model that has
// the displayName, shortFingerprint, hops and linkType roles (PeerSortFilterModel, ListModel).
pragma ComponentBehavior: Bound
import QtQml
import "Formats.js" as Formats

Instantiator {
    id: root

    // "Peers (2):" followed by one line per peer, in the model's order.
    function describe() {
        if (count === 0)
            return qsTr("No peers in range yet.")
        const lines = [qsTr("Peers (%1):").arg(count)]
        for (let i = 0; i < count; ++i) {
            const peer = objectAt(i)
            lines.push(qsTr("• %1 (%2) — %3, %4").arg(peer.displayName).arg(peer.shortFingerprint)
                       .arg(Formats.hopsText(peer.hops)).arg(peer.linkType))
        }
        return lines.join("\n")
    }

    delegate: QtObject {
        required property string displayName
        required property string shortFingerprint
        required property int hops
        required property string linkType
    }
}
