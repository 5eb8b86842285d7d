// SPDX-License-Identifier: GPL-3.0-or-later
// Test stand-in for the C++ LogCapture (only handed on to LogModel).
import QtQml

QtObject {}
