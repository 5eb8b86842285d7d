// SPDX-License-Identifier: GPL-3.0-or-later
// Test stand-in for the C++ ChatModel: same enums and roles, rows added by the test or addNote();
// showHidden() records the rows it was asked for in `shown`.
import QtQml
import QtQml.Models

ListModel {
    id: root

    enum Delivery { Queued, Sent, Received }
    enum Kind { Message, System, Collapsed }
    enum SystemEvent { None, Joined, Left, NicknameChanged, LinkUp, LinkDown, Note }

    property MeshNode node
    property var shown: []

    // A row with every role; `fields` overrides the defaults.
    function row(fields) {
        const base = {
            text: "", senderNickname: "", senderPeerId: "", senderColor: "#3366cc",
            time: new Date(), hops: 0, verified: false, own: false,
            delivery: ChatModel.Received, kind: ChatModel.Message, systemEvent: ChatModel.None,
            displayName: fields.senderNickname || "", hiddenCount: 0
        }
        return Object.assign(base, fields)
    }

    function showHidden(row) {
        shown = shown.concat([row])
        return true
    }

    function addNote(text) {
        append(row({ text: text, kind: ChatModel.System, systemEvent: ChatModel.Note }))
    }
}
