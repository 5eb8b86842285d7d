// SPDX-License-Identifier: GPL-3.0-or-later
// Test stand-in for the C++ ChatModel: same enums and roles, rows added by the test or addNote().
import QtQml
import QtQml.Models

ListModel {
    id: root

    enum Delivery { Queued, Sent, Received }
    enum Kind { Message, System }
    enum SystemEvent { None, Joined, Left, NicknameChanged, LinkUp, LinkDown, Note }

    property MeshNode node

    // A row with every role; `fields` overrides the defaults.
    function row(fields) {
        const base = {
            text: "", senderNickname: "", senderPeerId: "", senderColor: "#3366cc",
            time: new Date(), hops: 0, verified: false, own: false,
            delivery: ChatModel.Received, kind: ChatModel.Message, systemEvent: ChatModel.None
        }
        return Object.assign(base, fields)
    }

    function addNote(text) {
        append(row({ text: text, kind: ChatModel.System, systemEvent: ChatModel.Note }))
    }
}
