// SPDX-License-Identifier: GPL-3.0-or-later
// The GATT service and the advertisement exactly as spec 02 §1 and §4.1 define them.
#include <QLowEnergyCharacteristicData>
#include <QLowEnergyDescriptorData>
#include <QTest>

#include "BitchatGattProfile.h"

using namespace Qt::StringLiterals;

class BitchatGattProfileTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void uuidsAreTheSpecsOnes()
    {
        QCOMPARE(BitchatGattProfile::serviceUuid(),
                 QBluetoothUuid(u"f47b5e2d-4a9e-4c5a-9b3f-8e1d2c3a4b5c"_s));
        QCOMPARE(BitchatGattProfile::characteristicUuid(),
                 QBluetoothUuid(u"a1b2c3d4-e5f6-4a5b-8c9d-0e1f2a3b4c5d"_s));
        QCOMPARE(BitchatGattProfile::serviceUuid().toString(QUuid::WithoutBraces).toUpper(),
                 u"F47B5E2D-4A9E-4C5A-9B3F-8E1D2C3A4B5C"_s);
        QCOMPARE(BitchatGattProfile::characteristicUuid().toString(QUuid::WithoutBraces).toUpper(),
                 u"A1B2C3D4-E5F6-4A5B-8C9D-0E1F2A3B4C5D"_s);
    }

    void serviceHasOneCharacteristic()
    {
        const QLowEnergyServiceData service = BitchatGattProfile::serviceData();
        QVERIFY(service.isValid());
        QCOMPARE(service.type(), QLowEnergyServiceData::ServiceTypePrimary);
        QCOMPARE(service.uuid(), BitchatGattProfile::serviceUuid());
        QVERIFY(service.includedServices().isEmpty());
        QCOMPARE(service.characteristics().size(), 1);
        QCOMPARE(service.characteristics().constFirst().uuid(),
                 BitchatGattProfile::characteristicUuid());
    }

    void characteristicPropertiesAreExactlyTheSpecs()
    {
        const QLowEnergyCharacteristicData characteristic =
            BitchatGattProfile::serviceData().characteristics().constFirst();
        QVERIFY(characteristic.isValid());
        // notify, write, write-without-response, read: nothing more (no indicate, no signed
        // writes, no extended properties), nothing less.
        QCOMPARE(characteristic.properties(),
                 QLowEnergyCharacteristic::PropertyTypes(
                     QLowEnergyCharacteristic::Notify | QLowEnergyCharacteristic::Write |
                     QLowEnergyCharacteristic::WriteNoResponse | QLowEnergyCharacteristic::Read));
        QVERIFY(characteristic.properties() & QLowEnergyCharacteristic::Write);
        QVERIFY(characteristic.properties() & QLowEnergyCharacteristic::WriteNoResponse);
    }

    void characteristicNeedsNoPairing()
    {
        // A constraint (authentication, authorization, encryption key size) would make BlueZ
        // and phones start pairing; bitchat authenticates in its own protocol instead.
        const QLowEnergyCharacteristicData characteristic =
            BitchatGattProfile::serviceData().characteristics().constFirst();
        QCOMPARE(characteristic.readConstraints(), QBluetooth::AttAccessConstraints());
        QCOMPARE(characteristic.writeConstraints(), QBluetooth::AttAccessConstraints());
    }

    void characteristicTakesValuesUpTo512Bytes()
    {
        const QLowEnergyCharacteristicData characteristic =
            BitchatGattProfile::serviceData().characteristics().constFirst();
        QCOMPARE(characteristic.minimumValueLength(), 0);
        QCOMPARE(characteristic.maximumValueLength(), 512);
        QCOMPARE(BitchatGattProfile::MaxValueLength, 512);
    }

    void cccdIsPresentOpenAndOff()
    {
        const QList<QLowEnergyDescriptorData> descriptors =
            BitchatGattProfile::serviceData().characteristics().constFirst().descriptors();
        QCOMPARE(descriptors.size(), 1);
        const QLowEnergyDescriptorData &cccd = descriptors.constFirst();
        QCOMPARE(cccd.uuid(),
                 QBluetoothUuid(QBluetoothUuid::DescriptorType::ClientCharacteristicConfiguration));
        QCOMPARE(cccd.uuid(), QBluetoothUuid(u"00002902-0000-1000-8000-00805f9b34fb"_s));
        QCOMPARE(cccd.value(), QByteArray::fromHex("0000"));
        QVERIFY(cccd.isReadable());
        QVERIFY(cccd.isWritable());
        QCOMPARE(cccd.readConstraints(), QBluetooth::AttAccessConstraints());
        QCOMPARE(cccd.writeConstraints(), QBluetooth::AttAccessConstraints());
    }

    void advertisementCarriesOnlyTheServiceUuid()
    {
        const QLowEnergyAdvertisingData data = BitchatGattProfile::advertisingData();
        QCOMPARE(data.services(), QList<QBluetoothUuid>{BitchatGattProfile::serviceUuid()});
        // spec 02 §4.1: no local name, no TX power, nothing identifying.
        QVERIFY(data.localName().isEmpty());
        QVERIFY(!data.includePowerLevel());
        QCOMPARE(data.manufacturerId(), QLowEnergyAdvertisingData::invalidManufacturerId());
        QVERIFY(data.manufacturerData().isEmpty());
        QVERIFY(data.rawData().isEmpty());
        // The flags every discoverable LE advertiser sends (one AD byte, the same for all).
        QCOMPARE(data.discoverability(), QLowEnergyAdvertisingData::DiscoverabilityGeneral);
    }

    void scanResponseIsEmpty()
    {
        const QLowEnergyAdvertisingData response = BitchatGattProfile::scanResponseData();
        QCOMPARE(response, QLowEnergyAdvertisingData());
        QVERIFY(response.services().isEmpty());
        QVERIFY(response.localName().isEmpty());
        QVERIFY(!response.includePowerLevel());
        QVERIFY(response.rawData().isEmpty());
    }

    void advertisingIsConnectable()
    {
        const QLowEnergyAdvertisingParameters parameters =
            BitchatGattProfile::advertisingParameters();
        QCOMPARE(parameters.mode(), QLowEnergyAdvertisingParameters::AdvInd);
        QVERIFY(parameters.minimumInterval() <= parameters.maximumInterval());
    }
};

QTEST_GUILESS_MAIN(BitchatGattProfileTest)
#include "BitchatGattProfileTest.moc"
