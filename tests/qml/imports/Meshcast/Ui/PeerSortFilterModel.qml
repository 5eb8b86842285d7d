// SPDX-License-Identifier: GPL-3.0-or-later
// Test stand-in for the C++ PeerSortFilterModel: holds its own rows, ignores the source.
import QtQml
import QtQml.Models

ListModel {
    property var sourceModel
}
