// SPDX-License-Identifier: GPL-3.0-or-later
// WipeDialog, the emergency wipe's confirmation: it says what is deleted and where, Cancel has
// the focus so no key press wipes, and only the wipe button confirms (once).
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtTest
import "../../qml"

Item {
    id: scene
    width: 640
    height: 480

    Component {
        id: dialogComponent

        WipeDialog {
            dataDir: "/home/me/.local/share/Meshcast/meshcast"
        }
    }

    TestCase {
        id: testCase
        name: "WipeDialog"
        when: windowShown

        property WipeDialog dialog

        SignalSpy {
            id: confirmed
            signalName: "confirmed"
        }

        function child(name) {
            const found = findChild(dialog, name)
            verify(found, "no item named " + name)
            return found
        }

        function init() {
            dialog = createTemporaryObject(dialogComponent, scene)
            confirmed.clear()
            confirmed.target = dialog
            dialog.open()
            tryVerify(() => dialog.opened, 2000)
        }

        function test_saysWhatIsDeletedAndWhere() {
            const text = child("wipeExplanation").text
            for (const word of ["keys", "message history", "settings", "new identity",
                                "cannot be undone"])
                verify(text.indexOf(word) >= 0, word + " in: " + text)
            compare(child("wipeLocation").text, "Folder: /home/me/.local/share/Meshcast/meshcast")
            compare(child("wipeConfirm").text, "Wipe and start fresh")
        }

        function test_noKeyPressWipes_data() {
            return [
                { tag: "Return", key: Qt.Key_Return, closes: false },
                { tag: "Enter", key: Qt.Key_Enter, closes: false },
                { tag: "Space presses Cancel", key: Qt.Key_Space, closes: true },
                { tag: "Escape", key: Qt.Key_Escape, closes: true }
            ]
        }
        function test_noKeyPressWipes(data) {
            tryVerify(() => child("wipeCancel").activeFocus, 2000, "Cancel has the focus")
            keyClick(data.key)
            compare(confirmed.count, 0)
            if (data.closes)
                tryVerify(() => !dialog.visible, 2000)
            compare(confirmed.count, 0)
        }

        function test_cancelButtonDoesNotWipe() {
            mouseClick(child("wipeCancel"))
            tryVerify(() => !dialog.visible, 2000)
            compare(confirmed.count, 0)
        }

        function test_wipeButtonConfirmsOnce() {
            mouseClick(child("wipeConfirm"))
            compare(confirmed.count, 1)
            tryVerify(() => !dialog.visible, 2000)
            compare(confirmed.count, 1)
        }
    }
}
