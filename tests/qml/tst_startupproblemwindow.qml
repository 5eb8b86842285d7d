// SPDX-License-Identifier: GPL-3.0-or-later
// StartupProblemWindow, shown when the node cannot start: the problem, the file and what to do
// for each kind of failure; Quit has the focus; "Start fresh…" exists only where a wipe helps and
// wipes only after the confirmation.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtTest
import "../../qml"

TestCase {
    id: testCase
    name: "StartupProblemWindow"
    when: windowShown

    Component {
        id: windowComponent

        StartupProblemWindow {
            message: "Identity file /data/identity.json is damaged: not JSON. It was left untouched."
            path: "/data/identity.json"
            dataDir: "/data"
        }
    }
    Component {
        id: spyComponent
        SignalSpy {}
    }

    function open(kind) {
        const window = createTemporaryObject(windowComponent, testCase, { kind: kind })
        verify(window, "StartupProblemWindow did not load")
        window.requestActivate()
        tryVerify(() => window.active, 2000, "window active")
        return window
    }

    function child(parent, name) {
        const found = findChild(parent, name)
        verify(found, "no item named " + name)
        return found
    }

    function adviceOf(window) {
        const column = child(window, "problemTitle").parent
        const texts = []
        for (let i = 0; i < column.children.length; ++i) {
            if (column.children[i].objectName === "problemAdvice")
                texts.push(column.children[i].text)
        }
        return texts
    }

    function test_eachProblemSaysWhatToDo_data() {
        return [
            { tag: "identity", title: "Your key file cannot be used", advice: 3,
              mentions: "backup", startFresh: true },
            { tag: "history", title: "Your message history cannot be opened", advice: 3,
              mentions: "-wal", startFresh: true },
            { tag: "directory", title: "The data folder cannot be used", advice: 1,
              mentions: "--data-dir", startFresh: false },
            { tag: "network", title: "Meshcast cannot start", advice: 1,
              mentions: "--listen", startFresh: false },
            { tag: "wipe", title: "The wipe did not finish", advice: 1,
              mentions: "Delete them yourself", startFresh: false }
        ]
    }
    function test_eachProblemSaysWhatToDo(data) {
        const window = open(data.tag)
        compare(window.title, "Meshcast cannot start")
        compare(child(window, "problemTitle").text, data.title)
        verify(child(window, "problemMessage").text.indexOf("left untouched") >= 0)
        compare(child(window, "problemPath").text, "/data/identity.json")
        const advice = adviceOf(window)
        compare(advice.length, data.advice)
        verify(advice.join(" ").indexOf(data.mentions) >= 0, advice.join(" "))
        compare(child(window, "startFreshButton").visible, data.startFresh)
        tryVerify(() => child(window, "quitButton").activeFocus, 2000, "Quit has the focus")
    }

    function test_quitButtonAndEnterQuit_data() {
        return [{ tag: "click" }, { tag: "Return" }]
    }
    function test_quitButtonAndEnterQuit(data) {
        const window = open("identity")
        const quit = createTemporaryObject(spyComponent, testCase,
                                           { target: window, signalName: "quitRequested" })
        const wipe = createTemporaryObject(spyComponent, testCase,
                                           { target: window, signalName: "wipeConfirmed" })
        if (data.tag === "click") {
            mouseClick(child(window, "quitButton"))
        } else {
            tryVerify(() => child(window, "quitButton").activeFocus, 2000)
            keyClick(Qt.Key_Return)
        }
        compare(quit.count, 1)
        compare(wipe.count, 0)
    }

    function test_startFreshWipesOnlyAfterConfirmation() {
        const window = open("identity")
        const wipe = createTemporaryObject(spyComponent, testCase,
                                           { target: window, signalName: "wipeConfirmed" })
        const dialog = child(window, "wipeDialog")
        mouseClick(child(window, "startFreshButton"))
        tryVerify(() => dialog.opened, 2000)
        compare(wipe.count, 0, "opening the confirmation deletes nothing")
        mouseClick(child(dialog, "wipeCancel"))
        tryVerify(() => !dialog.visible, 2000)
        compare(wipe.count, 0)
        tryVerify(() => child(window, "quitButton").activeFocus, 2000, "focus back on Quit")

        mouseClick(child(window, "startFreshButton"))
        tryVerify(() => dialog.opened, 2000)
        mouseClick(child(dialog, "wipeConfirm"))
        compare(wipe.count, 1)
    }
}
