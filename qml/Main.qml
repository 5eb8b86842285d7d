// SPDX-License-Identifier: GPL-3.0-or-later
// The Meshcast window: chat and composer beside the peer list in a SplitView, a status footer,
// settings, first-run nickname, privacy warning and wipe dialogs, and the log drawer. Owns the UI
// models; the node, connectivity settings and log capture are handed in by main(). A confirmed
// wipe (Settings or /wipe) emits wipeConfirmed(): the app then replaces this window.
// Shortcuts: Ctrl+K focuses the composer, Ctrl+L toggles the log, Ctrl+, opens the settings.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Qt.labs.settings
import Meshcast.Ui

ApplicationWindow {
    id: root

    required property MeshNode node
    required property ConnectivitySettings connectivity
    required property LogCapture logCapture

    // Where keys, history and settings live (shown by the wipe dialog); set by the app.
    property string dataDir
    // What the app found wrong with the privacy of the data directory, shown once at start.
    property var startupWarnings: []

    // True once a nickname was saved or chosen; until then nickname changes are not saved.
    property bool nicknameChosen: false

    // The user confirmed the emergency wipe: keys, history and settings are to go.
    signal wipeConfirmed()

    function showStartupWarnings() {
        if (startupWarnings.length > 0 && !privacyWarningDialog.shown) {
            privacyWarningDialog.shown = true
            privacyWarningDialog.open()
        }
    }

    width: 960
    height: 640
    minimumWidth: 480
    minimumHeight: 320
    visible: true
    title: qsTr("Meshcast — %1").arg(node.nickname)

    ChatModel {
        id: chatModel
        node: root.node
    }
    PeerSortFilterModel {
        id: peerModel
        sourceModel: PeerModel {
            node: root.node
        }
    }
    NodeStatus {
        id: nodeStatus
        node: root.node
    }

    Settings {
        id: settings
        property string nickname
    }
    Settings {
        id: windowSettings
        category: "window"
        property alias width: root.width
        property alias height: root.height
        property alias peersVisible: peersButton.checked
        property var splitState
    }

    Connections {
        target: root.node
        enabled: root.nicknameChosen
        function onNicknameChanged() {
            settings.nickname = root.node.nickname
        }
    }
    Connections {
        target: root.node
        function onError(what) {
            chatModel.addNote(what)
        }
    }

    Component.onCompleted: {
        if (settings.nickname.length > 0) {
            node.nickname = settings.nickname
            nicknameChosen = true
            composer.focusInput()
            showStartupWarnings()
        } else {
            nicknameDialog.open() // gives the composer focus when it closes
        }
    }

    Shortcut {
        sequence: "Ctrl+K"
        onActivated: composer.focusInput()
    }
    Shortcut {
        sequence: "Ctrl+L"
        onActivated: logDrawer.opened ? logDrawer.close() : logDrawer.open()
    }
    Shortcut {
        sequence: "Ctrl+,"
        onActivated: settingsDialog.open()
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 8
            spacing: 4

            Label {
                objectName: "identityLabel"
                text: qsTr("%1 · %2").arg(nodeStatus.nickname).arg(nodeStatus.shortFingerprint)
                textFormat: Text.PlainText
                font.bold: true
                elide: Text.ElideRight
                Layout.fillWidth: true
                ToolTip.visible: identityHover.hovered
                ToolTip.text: qsTr("Your fingerprint: %1").arg(nodeStatus.fingerprint)
                HoverHandler { id: identityHover }
            }
            ToolButton {
                id: peersButton
                objectName: "peersButton"
                text: qsTr("Peers")
                checkable: true
                checked: true
                Accessible.name: qsTr("Show peer list")
            }
            ToolButton {
                objectName: "logButton"
                text: qsTr("Log")
                checkable: true
                checked: logDrawer.opened
                Accessible.name: qsTr("Show log (Ctrl+L)")
                onClicked: logDrawer.opened ? logDrawer.close() : logDrawer.open()
            }
            ToolButton {
                objectName: "settingsButton"
                text: qsTr("Settings")
                Accessible.name: qsTr("Settings (Ctrl+,)")
                onClicked: settingsDialog.open()
            }
        }
    }

    SplitView {
        id: split
        anchors.fill: parent
        orientation: Qt.Horizontal

        Component.onCompleted: if (windowSettings.splitState) restoreState(windowSettings.splitState)
        Component.onDestruction: windowSettings.splitState = saveState()

        ColumnLayout {
            spacing: 0
            SplitView.fillWidth: true
            SplitView.minimumWidth: 280

            Rectangle {
                color: palette.base
                Layout.fillWidth: true
                Layout.fillHeight: true

                ChatView {
                    anchors.fill: parent
                    model: chatModel
                }
            }
            Composer {
                id: composer
                objectName: "composer"
                node: root.node
                peers: peerModel
                Layout.fillWidth: true
                onNote: (text) => chatModel.addNote(text)
                // Later: the Send button gives the composer focus once the command has run.
                onWipeRequested: Qt.callLater(() => wipeDialog.open())
            }
        }

        PeerList {
            objectName: "peerPane"
            peers: peerModel
            visible: peersButton.checked
            SplitView.preferredWidth: 260
            SplitView.minimumWidth: 180
        }
    }

    footer: StatusBar {
        status: nodeStatus
    }

    LogDrawer {
        id: logDrawer
        objectName: "logDrawer"
        logCapture: root.logCapture
        onClosed: composer.focusInput()
    }

    SettingsDialog {
        id: settingsDialog
        objectName: "settingsDialog"
        node: root.node
        connectivity: root.connectivity
        onClosed: if (!wipeDialog.visible) composer.focusInput()
        onWipeRequested: wipeDialog.open()
    }

    NicknameDialog {
        id: nicknameDialog
        objectName: "nicknameDialog"
        suggestion: root.node.nickname
        onChosen: (nickname) => {
            root.node.nickname = nickname
            settings.nickname = nickname
            root.nicknameChosen = true
        }
        onClosed: {
            composer.focusInput()
            root.showStartupWarnings() // after the first-run question, not on top of it
        }
    }

    PrivacyWarningDialog {
        id: privacyWarningDialog
        objectName: "privacyWarningDialog"
        property bool shown: false
        warnings: root.startupWarnings
        onClosed: composer.focusInput()
    }

    WipeDialog {
        id: wipeDialog
        objectName: "wipeDialog"
        dataDir: root.dataDir
        onConfirmed: root.wipeConfirmed()
        onClosed: composer.focusInput()
    }
}
