// SPDX-License-Identifier: GPL-3.0-or-later
// Test stand-in for the C++ LogModel (rows: time, level, category, message).
import QtQml
import QtQml.Models

ListModel {
    enum Level { Debug, Info, Warning, Critical }

    property QtObject capture
}
