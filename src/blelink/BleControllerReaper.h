// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

class Clock;
class QLowEnergyController;
class QObject;

/**
 * Ends the life of a central QLowEnergyController cleanly: asks BlueZ to disconnect, then
 * deletes the controller once it is unconnected, or after a grace period at the latest. Deleting
 * a connected controller at once would leave BlueZ holding the connection, and BlueZ allows only
 * one connection per device: the next dial to it would fail.
 *
 * The controller is re-parented to @p keeper (normally the BleCentral), so it dies with it at
 * the latest. Whoever needs to know when the device is free again watches QObject::destroyed.
 */
class BleControllerReaper
{
public:
    static constexpr qint64 DefaultGraceMs = 5'000;

    static void retire(QLowEnergyController *controller, QObject *keeper, Clock &clock,
                       qint64 graceMs = DefaultGraceMs);
};
