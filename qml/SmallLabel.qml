// SPDX-License-Identifier: GPL-3.0-or-later
// Secondary text (times, badges, details): a smaller font in the palette's subdued colour,
// always plain text (Label's default, AutoText, would interpret markup).
import QtQuick
import QtQuick.Controls

Label {
    textFormat: Text.PlainText
    font.pointSize: Application.font.pointSize > 0 ? Application.font.pointSize * 0.85 : 8
    color: palette.placeholderText
}
