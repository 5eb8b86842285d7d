// SPDX-License-Identifier: GPL-3.0-or-later
// The whole window over the Meshcast.Ui stand-ins: first-run nickname dialog and its memory,
// focus on start, status bar, notes reaching the chat, shortcuts and the settings dialog.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtTest
import Qt.labs.settings
import Meshcast.Ui
import "../../qml"

TestCase {
    id: testCase
    name: "Main"
    when: windowShown

    property int createdWindows: 0
    property int destroyedWindows: 0

    Component {
        id: mainComponent

        Main {
            Component.onDestruction: ++testCase.destroyedWindows
        }
    }
    Component {
        id: nodeComponent

        MeshNode {}
    }
    Component {
        id: connectivityComponent

        ConnectivitySettings {}
    }
    LogCapture {
        id: capture
    }
    // The same (default) settings file the window's Settings use.
    Settings {
        id: stored
    }

    function saveNickname(nickname) {
        stored.setValue("nickname", nickname)
        stored.sync()
    }

    function newWindow(node, connectivity, extra) {
        const window = mainComponent.createObject(testCase, Object.assign({
            node: node, connectivity: connectivity, logCapture: capture }, extra || {}))
        verify(window, "Main.qml did not load")
        ++createdWindows
        windows.push(window)
        window.requestActivate()
        tryVerify(() => window.active, 2000, "window active")
        return window
    }

    // A window with a fresh node; destroyed after the test.
    function openWindow(node) {
        const connectivity = createTemporaryObject(connectivityComponent, testCase)
        return newWindow(node || createTemporaryObject(nodeComponent, testCase), connectivity)
    }

    property var windows: []

    function child(parent, name) {
        const found = findChild(parent, name)
        verify(found, "no item named " + name)
        return found
    }

    function type(text) {
        for (const character of text)
            keyClick(character)
    }

    function chatText(window, row) {
        const list = child(window, "chatList")
        let item = null
        tryVerify(() => (item = list.itemAtIndex(row)) !== null, 2000, "no chat row " + row)
        const body = child(item, "messageText")
        return body.getText(0, body.length)
    }

    function init() {
        saveNickname("tester")
    }

    // Closes the window for good and waits until it is gone (its Settings are written then).
    function destroyWindow(window) {
        windows = windows.filter(w => w !== window)
        window.destroy()
        tryCompare(testCase, "destroyedWindows", createdWindows - windows.length, 2000)
    }

    function cleanup() {
        for (const window of windows)
            destroyWindow(window)
    }

    function test_firstRunAsksForNicknameAndRemembersIt() {
        saveNickname("")
        const node = createTemporaryObject(nodeComponent, testCase)
        const first = newWindow(node, createTemporaryObject(connectivityComponent, testCase))
        const dialog = child(first, "nicknameDialog")
        tryVerify(() => dialog.opened, 2000, "nickname dialog shown on first run")
        const field = child(dialog, "nicknameField")
        compare(field.text, "anon1234", "the node's nickname is suggested")
        tryVerify(() => field.activeFocus, 2000)

        field.clear()
        verify(!dialog.standardButton(Dialog.Ok).enabled, "no empty nickname")
        type("alice")
        verify(dialog.standardButton(Dialog.Ok).enabled)
        keyClick(Qt.Key_Return)
        tryVerify(() => !dialog.visible, 2000)
        compare(node.nickname, "alice")
        tryVerify(() => child(first, "composerInput").activeFocus, 2000, "back to the composer")

        destroyWindow(first)
        stored.sync()
        compare(stored.value("nickname"), "alice", "the nickname is saved")

        const next = createTemporaryObject(nodeComponent, testCase)
        const second = openWindow(next)
        compare(next.nickname, "alice", "the saved nickname is applied on start")
        verify(!child(second, "nicknameDialog").opened, "no dialog once a nickname is saved")
    }

    function test_savedNicknameIsApplied() {
        const node = createTemporaryObject(nodeComponent, testCase)
        const window = openWindow(node)
        compare(node.nickname, "tester")
        compare(child(window, "identityLabel").text, "tester · abcd ef01")
        verify(window.title.indexOf("tester") >= 0, window.title)
        verify(!child(window, "nicknameDialog").opened)
    }

    function test_nickCommandIsRemembered() {
        const window = openWindow()
        tryVerify(() => child(window, "composerInput").activeFocus, 2000)
        type("/nick bob")
        keyClick(Qt.Key_Return)
        destroyWindow(window)
        stored.sync()
        compare(stored.value("nickname"), "bob")
    }

    function test_composerHasFocusOnStart() {
        const window = openWindow()
        tryVerify(() => child(window, "composerInput").activeFocus, 2000)
    }

    function test_statusBarShowsNodeStatus() {
        const node = createTemporaryObject(nodeComponent, testCase)
        const window = openWindow(node)
        compare(child(window.footer, "bluetoothStatus").text, "Bluetooth off")
        compare(child(window.footer, "linksStatus").text, "links 0/8")
        compare(child(window.footer, "ipStatus").text, "ws://127.0.0.1:4000")
        compare(child(window.footer, "lanStatus").text, "LAN discovery off")
        verify(!child(window.footer, "rejectedStatus").visible)
        node.linkCount = 3
        compare(child(window.footer, "linksStatus").text, "links 3/8")
    }

    function test_messagesAndNotesReachTheChat() {
        const node = createTemporaryObject(nodeComponent, testCase)
        const window = openWindow(node)
        tryVerify(() => child(window, "composerInput").activeFocus, 2000)
        type("hello")
        keyClick(Qt.Key_Return)
        compare(node.sent, ["hello"])
        verify(chatText(window, 0).indexOf("queued") >= 0, chatText(window, 0))

        type("/who")
        keyClick(Qt.Key_Return)
        compare(chatText(window, 1), "No peers in range yet.")

        node.error("message too long")
        compare(chatText(window, 2), "message too long")
        compare(child(window, "peerHeader").text, "Peers (0)")
    }

    function test_shortcuts() {
        const window = openWindow()
        const log = child(window, "logDrawer")
        const settings = child(window, "settingsDialog")
        const input = child(window, "composerInput")
        tryVerify(() => input.activeFocus, 2000)

        keySequence("Ctrl+L")
        tryVerify(() => log.opened, 2000, "Ctrl+L opens the log")
        keySequence("Ctrl+L")
        tryVerify(() => !log.visible, 2000, "Ctrl+L closes the log")
        tryVerify(() => input.activeFocus, 2000)

        keySequence("Ctrl+,")
        tryVerify(() => settings.opened, 2000, "Ctrl+, opens the settings")
        keyClick(Qt.Key_Escape)
        tryVerify(() => !settings.visible, 2000)
        tryVerify(() => input.activeFocus, 2000)

        const peersShown = child(window, "peerPane").visible
        mouseClick(child(window, "peersButton"))
        tryVerify(() => child(window, "peerPane").visible !== peersShown, 2000,
                  "the Peers button shows and hides the peer list")
        child(window.footer, "linksStatus").forceActiveFocus()
        keySequence("Ctrl+K")
        tryVerify(() => input.activeFocus, 2000, "Ctrl+K focuses the composer")
    }

    function test_logDrawerShowsFilteredLog() {
        const window = openWindow()
        keySequence("Ctrl+L")
        const log = child(window, "logDrawer")
        tryVerify(() => log.opened, 2000)
        const list = child(log, "logList")
        const filter = list.model
        compare(filter.minimumLevel, LogModel.Info, "Info and above by default")
        filter.append({ time: new Date(2024, 0, 1, 8, 5, 3), level: LogModel.Warning,
                        category: "meshcast.ble", message: "adapter gone" })
        let row = null
        tryVerify(() => (row = list.itemAtIndex(0)) !== null, 2000)
        verify(row.text.indexOf("08:05:03") === 0, row.text)
        verify(row.text.indexOf("warning meshcast.ble: adapter gone") > 0, row.text)

        const category = child(log, "logCategory")
        tryVerify(() => category.activeFocus, 2000, "typing goes to the category filter")
        type("ble")
        compare(filter.categoryFilter, "ble")
        const level = child(log, "logLevel")
        level.forceActiveFocus()
        keyClick(Qt.Key_Down)
        compare(filter.minimumLevel, LogModel.Warning)
        keyClick(Qt.Key_Escape)
        tryVerify(() => !log.visible, 2000)
    }

    function test_settingsDialogAppliesConnectivity() {
        const node = createTemporaryObject(nodeComponent, testCase)
        const window = openWindow(node)
        const connectivity = window.connectivity
        mouseClick(child(window, "settingsButton"))
        const dialog = child(window, "settingsDialog")
        tryVerify(() => dialog.opened, 2000)

        const nickname = child(dialog, "settingsNickname")
        compare(nickname.text, "tester")
        nickname.selectAll()
        type("carol")
        verify(child(dialog, "bluetoothSwitch").checked)
        mouseClick(child(dialog, "bluetoothSwitch"))
        mouseClick(child(dialog, "lanSwitch"))
        const iface = child(dialog, "lanInterfaceField")
        tryVerify(() => iface.enabled, 2000)
        iface.forceActiveFocus()
        type("eth0")
        const peerField = child(dialog, "manualPeerField")
        peerField.forceActiveFocus()
        type("ws://10.0.0.2:4000")
        mouseClick(child(dialog, "addManualPeer"))
        compare(peerField.text, "")

        mouseClick(dialog.standardButton(Dialog.Ok))
        tryVerify(() => !dialog.visible, 2000)
        compare(connectivity.applied, 1)
        compare(connectivity.bluetoothEnabled, false)
        compare(connectivity.lanDiscoveryEnabled, true)
        compare(connectivity.lanInterface, "eth0")
        compare(Array.from(connectivity.manualPeers), ["ws://10.0.0.2:4000"])
        compare(node.nickname, "carol")
    }

    function test_settingsDialogCancelChangesNothing() {
        const node = createTemporaryObject(nodeComponent, testCase)
        const window = openWindow(node)
        mouseClick(child(window, "settingsButton"))
        const dialog = child(window, "settingsDialog")
        tryVerify(() => dialog.opened, 2000)
        mouseClick(child(dialog, "bluetoothSwitch"))
        mouseClick(dialog.standardButton(Dialog.Cancel))
        tryVerify(() => !dialog.visible, 2000)
        compare(window.connectivity.applied, 0)
        compare(window.connectivity.bluetoothEnabled, true)
    }

    Component {
        id: spyComponent
        SignalSpy {}
    }

    function test_wipeCommandAsksBeforeWiping() {
        const window = openWindow()
        const wiped = createTemporaryObject(spyComponent, testCase,
                                            { target: window, signalName: "wipeConfirmed" })
        const dialog = child(window, "wipeDialog")
        const input = child(window, "composerInput")
        tryVerify(() => input.activeFocus, 2000)
        type("/wipe")
        keyClick(Qt.Key_Return)
        tryVerify(() => dialog.opened, 2000, "/wipe asks first")
        compare(input.text, "")
        tryVerify(() => child(dialog, "wipeCancel").activeFocus, 2000, "Cancel has the focus")
        keyClick(Qt.Key_Escape)
        tryVerify(() => !dialog.visible, 2000)
        compare(wiped.count, 0, "changing one's mind wipes nothing")
        tryVerify(() => input.activeFocus, 2000, "back to the composer")

        type("/wipe")
        mouseClick(child(window, "sendButton"))
        tryVerify(() => dialog.opened, 2000)
        tryVerify(() => child(dialog, "wipeCancel").activeFocus, 2000,
                  "the Send button does not take the focus from the dialog")
        mouseClick(child(dialog, "wipeConfirm"))
        compare(wiped.count, 1)
    }

    function test_settingsWipeButtonAsksBeforeWiping() {
        const window = openWindow()
        const wiped = createTemporaryObject(spyComponent, testCase,
                                            { target: window, signalName: "wipeConfirmed" })
        mouseClick(child(window, "settingsButton"))
        const settings = child(window, "settingsDialog")
        tryVerify(() => settings.opened, 2000)
        mouseClick(child(settings, "wipeButton"))
        const dialog = child(window, "wipeDialog")
        tryVerify(() => dialog.opened, 2000)
        tryVerify(() => !settings.visible, 2000, "the settings make way for the question")
        compare(window.connectivity.applied, 0, "the settings are not applied on the way")
        tryVerify(() => child(dialog, "wipeCancel").activeFocus, 2000, "Cancel has the focus")
        mouseClick(child(dialog, "wipeCancel"))
        tryVerify(() => !dialog.visible, 2000)
        compare(wiped.count, 0)
    }

    function test_privacyWarningsAreShownOnce() {
        const warning = "The data directory /d was open to other users (mode 0777); Meshcast "
                      + "made it private (0700)."
        const window = newWindow(createTemporaryObject(nodeComponent, testCase),
                                 createTemporaryObject(connectivityComponent, testCase),
                                 { startupWarnings: [warning], dataDir: "/d" })
        const dialog = child(window, "privacyWarningDialog")
        tryVerify(() => dialog.opened, 2000, "shown at start")
        compare(child(dialog.contentItem, "privacyWarning").text, warning)
        mouseClick(dialog.standardButton(Dialog.Ok))
        tryVerify(() => !dialog.visible, 2000)
        tryVerify(() => child(window, "composerInput").activeFocus, 2000)
        window.showStartupWarnings()
        verify(!dialog.visible, "not again")
    }

    function test_privacyWarningsWaitForTheFirstRunQuestion() {
        saveNickname("")
        const window = newWindow(createTemporaryObject(nodeComponent, testCase),
                                 createTemporaryObject(connectivityComponent, testCase),
                                 { startupWarnings: ["The key file /d/identity.json was readable"] })
        const nickname = child(window, "nicknameDialog")
        const warnings = child(window, "privacyWarningDialog")
        tryVerify(() => nickname.opened, 2000)
        verify(!warnings.visible, "one question at a time")
        tryVerify(() => child(nickname, "nicknameField").activeFocus, 2000)
        keyClick(Qt.Key_Return)
        tryVerify(() => warnings.opened, 2000, "then the warning")
    }

    function test_noWarningsNoDialog() {
        const window = openWindow()
        tryVerify(() => child(window, "composerInput").activeFocus, 2000)
        verify(!child(window, "privacyWarningDialog").visible)
        verify(!child(window, "wipeDialog").visible)
    }
}
