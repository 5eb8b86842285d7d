// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QBluetoothAddress>
#include <QBluetoothUuid>

/**
 * Reads the ATT MTU BlueZ negotiated for a connected device, which Qt 6.4's D-Bus central does
 * not report (QLowEnergyController::mtu() is -1 there). BlueZ 5.62 and later publish it as the
 * `MTU` property of each org.bluez.GattCharacteristic1; this finds the characteristic with the
 * given UUID under the device with the given address and reads it, with one blocking
 * GetManagedObjects call on the system bus (about a millisecond; once per connection).
 * Stateless.
 */
class BlueZAttMtu
{
public:
    /** The MTU in bytes, or nullopt: older BlueZ, not connected, no such characteristic. */
    static std::optional<int> query(const QBluetoothAddress &device,
                                    const QBluetoothUuid &characteristic);
};
