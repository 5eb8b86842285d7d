// SPDX-License-Identifier: GPL-3.0-or-later
// One log line: time, level, category and message, in a monospace font; selectable.
import QtQuick
import Meshcast.Ui

TextEdit {
    id: root

    // LogModel roles.
    required property date time
    required property int level
    required property string category
    required property string message

    function levelName(level) {
        switch (level) {
        case LogModel.Debug: return qsTr("debug")
        case LogModel.Info: return qsTr("info")
        case LogModel.Warning: return qsTr("warning")
        default: return qsTr("critical")
        }
    }

    readOnly: true
    selectByMouse: true
    wrapMode: TextEdit.Wrap
    textFormat: TextEdit.PlainText
    font.family: "monospace"
    font.pointSize: Application.font.pointSize > 0 ? Application.font.pointSize * 0.9 : 9
    color: level >= LogModel.Warning ? (palette.window.hslLightness < 0.5 ? "#ff7b72" : "#c62828")
                                     : level === LogModel.Debug ? palette.placeholderText
                                                                : palette.text
    selectionColor: palette.highlight
    selectedTextColor: palette.highlightedText
    text: "%1 %2 %3: %4".arg(Qt.formatTime(time, "hh:mm:ss.zzz")).arg(levelName(level))
                       .arg(category).arg(message)
    Accessible.name: text
}
