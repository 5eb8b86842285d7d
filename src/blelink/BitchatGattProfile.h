// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QBluetoothUuid>
#include <QLowEnergyAdvertisingData>
#include <QLowEnergyAdvertisingParameters>
#include <QLowEnergyServiceData>

/**
 * What a bitchat node exposes over GATT and puts on the air (spec 02 §1 and §4.1), as the Qt
 * values handed to the peripheral controller. One service with one characteristic, the sole data
 * channel both ways: notify, write, write-without-response and read, with its CCCD so a central
 * can subscribe. No value needs pairing or encryption: phones must be able to connect without
 * asking their user anything.
 *
 * Pure values, owns nothing; both roles (and the tests) read the UUIDs from here.
 */
class BitchatGattProfile
{
public:
    /** spec 02 §2: BLE links are sized to a 512-byte ceiling, the ATT attribute value maximum. */
    static constexpr int MaxValueLength = 512;
    /** The ATT MTU before (or without) an MTU exchange, bytes (Bluetooth Core Vol 3 Part F). */
    static constexpr int DefaultAttMtu = 23;
    /** What a notification or write command adds around the value (opcode + handle), bytes. */
    static constexpr int AttHeaderSize = 3;

    /** F47B5E2D-4A9E-4C5A-9B3F-8E1D2C3A4B5C */
    static QBluetoothUuid serviceUuid();
    /** A1B2C3D4-E5F6-4A5B-8C9D-0E1F2A3B4C5D */
    static QBluetoothUuid characteristicUuid();

    /** The primary service with its one characteristic and that characteristic's CCCD. */
    static QLowEnergyServiceData serviceData();
    /**
     * The advertisement: the service UUID and the discoverability flags every discoverable LE
     * advertiser carries, nothing else: no local name, no TX power, no manufacturer data.
     */
    static QLowEnergyAdvertisingData advertisingData();
    /** The scan response: empty, so an active scanner learns nothing more (spec 02 §4.1). */
    static QLowEnergyAdvertisingData scanResponseData();
    /** Connectable undirected advertising every 160–320 ms (spec 02 §4.3 leaves it to us). */
    static QLowEnergyAdvertisingParameters advertisingParameters();
};
