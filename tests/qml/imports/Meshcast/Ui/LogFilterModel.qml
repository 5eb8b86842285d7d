// SPDX-License-Identifier: GPL-3.0-or-later
// Test stand-in for the C++ LogFilterModel: holds its own rows, records the filter settings.
import QtQml
import QtQml.Models

ListModel {
    property var sourceModel
    property int minimumLevel
    property string categoryFilter
}
