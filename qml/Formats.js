// SPDX-License-Identifier: GPL-3.0-or-later
// Short human strings shared by the chat and peer list delegates.
.pragma library

// Locale.ShortFormat: the QML Locale type is not visible inside a JS library.
const localeShortFormat = 1

// "direct", "1 hop", "3 hops" for a hop count (0 = heard directly).
function hopsText(hops) {
    if (hops <= 0)
        return qsTr("direct")
    if (hops === 1)
        return qsTr("1 hop")
    return qsTr("%1 hops").arg(hops)
}

// "just now", "5 min ago", "3 h ago", or the date, for how long ago `date` was relative to `now`.
function agoText(date, now) {
    if (!date || isNaN(date.getTime()))
        return qsTr("never")
    const seconds = Math.max(0, Math.round((now.getTime() - date.getTime()) / 1000))
    if (seconds < 60)
        return qsTr("just now")
    if (seconds < 3600)
        return qsTr("%1 min ago").arg(Math.floor(seconds / 60))
    if (seconds < 86400)
        return qsTr("%1 h ago").arg(Math.floor(seconds / 3600))
    return date.toLocaleDateString(Qt.locale(), localeShortFormat)
}
