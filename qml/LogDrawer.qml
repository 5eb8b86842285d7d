// SPDX-License-Identifier: GPL-3.0-or-later
// The diagnostic log, sliding up from the bottom (Ctrl+L): captured Qt log lines filtered by
// minimum level and a category substring, newest at the bottom.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Meshcast.Ui

Drawer {
    id: root

    // The LogCapture, handed on to the LogModel.
    required property LogCapture logCapture

    edge: Qt.BottomEdge
    height: parent ? parent.height * 0.4 : 300
    width: parent ? parent.width : 600

    onOpened: categoryField.forceActiveFocus()

    // The window's Ctrl+L is blocked while this modal drawer is open; this one closes it.
    Shortcut {
        sequence: "Ctrl+L"
        enabled: root.opened
        onActivated: root.close()
    }

    LogFilterModel {
        id: filtered
        sourceModel: LogModel {
            capture: root.logCapture
        }
        minimumLevel: levelBox.currentValue !== undefined ? levelBox.currentValue : LogModel.Info
        categoryFilter: categoryField.text.trim()
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 8
        spacing: 4

        RowLayout {
            Layout.fillWidth: true

            Label {
                text: qsTr("Log")
                textFormat: Text.PlainText
                font.bold: true
            }
            ComboBox {
                id: levelBox
                objectName: "logLevel"
                textRole: "text"
                valueRole: "value"
                currentIndex: 1
                model: [
                    { value: LogModel.Debug, text: qsTr("Debug and above") },
                    { value: LogModel.Info, text: qsTr("Info and above") },
                    { value: LogModel.Warning, text: qsTr("Warnings and above") },
                    { value: LogModel.Critical, text: qsTr("Critical only") }
                ]
                Accessible.name: qsTr("Minimum log level")
            }
            TextField {
                id: categoryField
                objectName: "logCategory"
                placeholderText: qsTr("Category filter, e.g. meshcast.ble")
                Accessible.name: qsTr("Log category filter")
                Layout.fillWidth: true
            }
            ToolButton {
                text: "✕"
                Accessible.name: qsTr("Close log")
                onClicked: root.close()
            }
        }

        ListView {
            id: list
            objectName: "logList"
            model: filtered
            clip: true
            Layout.fillWidth: true
            Layout.fillHeight: true
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Log lines")

            property bool followTail: true
            onCountChanged: if (followTail) scrollToEnd.restart()
            onMovementEnded: followTail = atYEnd

            Timer {
                id: scrollToEnd
                interval: 0
                onTriggered: list.positionViewAtEnd()
            }

            delegate: LogDelegate {
                width: ListView.view.width
            }
            ScrollBar.vertical: ScrollBar {
                Accessible.name: qsTr("Scroll log")
            }
        }
    }
}
