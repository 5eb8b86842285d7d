// SPDX-License-Identifier: GPL-3.0-or-later
#include "BitchatGattProfile.h"

#include <QLowEnergyCharacteristicData>
#include <QLowEnergyDescriptorData>

QBluetoothUuid BitchatGattProfile::serviceUuid()
{
    return QBluetoothUuid(QStringLiteral("F47B5E2D-4A9E-4C5A-9B3F-8E1D2C3A4B5C"));
}

QBluetoothUuid BitchatGattProfile::characteristicUuid()
{
    return QBluetoothUuid(QStringLiteral("A1B2C3D4-E5F6-4A5B-8C9D-0E1F2A3B4C5D"));
}

QLowEnergyServiceData BitchatGattProfile::serviceData()
{
    // The CCCD starts at 0000 (not subscribed); both permissions without constraints, so a
    // central subscribes without pairing.
    QLowEnergyDescriptorData cccd(QBluetoothUuid::DescriptorType::ClientCharacteristicConfiguration,
                                  QByteArray(2, '\0'));
    cccd.setReadPermissions(true);
    cccd.setWritePermissions(true);

    QLowEnergyCharacteristicData characteristic;
    characteristic.setUuid(characteristicUuid());
    characteristic.setProperties(
        QLowEnergyCharacteristic::Notify | QLowEnergyCharacteristic::Write |
        QLowEnergyCharacteristic::WriteNoResponse | QLowEnergyCharacteristic::Read);
    // Without an explicit range Qt would take any length, and a notification longer than the
    // ATT payload would be cut by the stack; frames are sized by the link instead.
    characteristic.setValueLength(0, MaxValueLength);
    characteristic.setReadConstraints({});
    characteristic.setWriteConstraints({});
    characteristic.addDescriptor(cccd);

    QLowEnergyServiceData service;
    service.setType(QLowEnergyServiceData::ServiceTypePrimary);
    service.setUuid(serviceUuid());
    service.addCharacteristic(characteristic);
    return service;
}

QLowEnergyAdvertisingData BitchatGattProfile::advertisingData()
{
    QLowEnergyAdvertisingData data;
    data.setDiscoverability(QLowEnergyAdvertisingData::DiscoverabilityGeneral);
    data.setIncludePowerLevel(false);
    data.setServices({serviceUuid()});
    return data;
}

QLowEnergyAdvertisingData BitchatGattProfile::scanResponseData()
{
    return {};
}

QLowEnergyAdvertisingParameters BitchatGattProfile::advertisingParameters()
{
    QLowEnergyAdvertisingParameters parameters;
    parameters.setMode(QLowEnergyAdvertisingParameters::AdvInd);
    parameters.setInterval(160, 320);
    return parameters;
}
