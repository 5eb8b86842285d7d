// SPDX-License-Identifier: GPL-3.0-or-later
// The peripheral role over a fake GATT server, in virtual time: what is published and
// advertised, writes becoming frames, frames becoming paced notifications within the ATT MTU,
// and publishing again after every disconnect.
#include <QLowEnergyCharacteristicData>
#include <QLowEnergyDescriptorData>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>

#include "BitchatGattProfile.h"
#include "BlePeripheral.h"
#include "BlePeripheralLink.h"
#include "FakeGattServer.h"
#include "VirtualClock.h"

using namespace Qt::StringLiterals;

namespace {
const QString Central = u"C0:FF:EE:00:00:01"_s;
const FramePacer::Policy Pacing{2, 20, 64};

// Field by field: Qt 6.4's QLowEnergyCharacteristicData::operator== compares the minimum value
// length with the other side's maximum, so equal definitions with a length range compare unequal.
bool isBitchatService(const QLowEnergyServiceData &service)
{
    const QLowEnergyServiceData expected = BitchatGattProfile::serviceData();
    if (service.uuid() != expected.uuid() || service.type() != expected.type() ||
        service.characteristics().size() != 1)
        return false;
    const QLowEnergyCharacteristicData a = service.characteristics().constFirst();
    const QLowEnergyCharacteristicData b = expected.characteristics().constFirst();
    return a.uuid() == b.uuid() && a.properties() == b.properties() &&
           a.descriptors() == b.descriptors() && a.value() == b.value() &&
           a.readConstraints() == b.readConstraints() &&
           a.writeConstraints() == b.writeConstraints() &&
           a.minimumValueLength() == b.minimumValueLength() &&
           a.maximumValueLength() == b.maximumValueLength();
}

/** A peripheral whose factory hands out FakeGattServers and remembers the last one. */
struct Rig
{
    explicit Rig(FakeGattServer::Failure failure = FakeGattServer::Failure::None)
        : peripheral(
              clock,
              [this, failure] {
                  auto server = std::make_unique<FakeGattServer>(&clock, failure);
                  fake = server.get();
                  ++made;
                  return std::unique_ptr<GattServer>(std::move(server));
              },
              Pacing)
        , opened(&peripheral, &BlePeripheral::linkOpened)
    {}

    /** A central connects with @p mtu and subscribes; returns its link. */
    BlePeripheralLink *connectAndSubscribe(int mtu)
    {
        fake->connectCentral(Central, mtu);
        if (opened.isEmpty())
            return nullptr;
        auto *link = qobject_cast<BlePeripheralLink *>(opened.takeFirst().at(0).value<Link *>());
        fake->subscribe(true);
        return link;
    }

    VirtualClock clock;
    QPointer<FakeGattServer> fake;
    int made = 0;
    BlePeripheral peripheral;
    QSignalSpy opened;
};
} // namespace

class BlePeripheralTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void publishesTheServiceAndAdvertisesItsUuidOnly()
    {
        Rig rig;
        QVERIFY(rig.peripheral.start());
        QCOMPARE(rig.peripheral.status(), BlePeripheral::Status::Advertising);
        QCOMPARE(rig.fake->services.size(), 1);
        QVERIFY(isBitchatService(rig.fake->services.constFirst()));
        QCOMPARE(rig.fake->advertisements.size(), 1);
        const FakeGattServer::Advertisement &ad = rig.fake->advertisements.constFirst();
        QCOMPARE(ad.data.services(), QList<QBluetoothUuid>{BitchatGattProfile::serviceUuid()});
        QVERIFY(ad.data.localName().isEmpty());
        QVERIFY(!ad.data.includePowerLevel());
        QVERIFY(ad.data.manufacturerData().isEmpty());
        QCOMPARE(ad.scanResponse, QLowEnergyAdvertisingData());
        QCOMPARE(ad.parameters.mode(), QLowEnergyAdvertisingParameters::AdvInd);
    }

    void eachWriteIsOneFrame()
    {
        Rig rig;
        rig.peripheral.start();
        rig.fake->connectCentral(Central, 185);
        QCOMPARE(rig.opened.size(), 1);
        auto *link = rig.opened.takeFirst().at(0).value<Link *>();
        QCOMPARE(link->type(), LinkType::Ble);
        QVERIFY(!link->isOutgoing());
        QCOMPARE(link->remoteAddress(), Central);
        QCOMPARE(rig.peripheral.status(), BlePeripheral::Status::Connected);

        QSignalSpy frames(link, &Link::frameReceived);
        const QByteArray first = QByteArray::fromHex("0101070000018b0000000000");
        const QByteArray second(300, 'x'); // a long write, assembled by the stack
        rig.fake->write(first);
        rig.fake->write(second);
        QCOMPARE(frames.size(), 2);
        QCOMPARE(frames.at(0).at(0).toByteArray(), first);
        QCOMPARE(frames.at(1).at(0).toByteArray(), second);
        // Another characteristic is not ours to read.
        Q_EMIT rig.fake->characteristicWritten(QBluetoothUuid(quint16(0x2a00)), "x");
        QCOMPARE(frames.size(), 2);
    }

    void framesWaitForTheSubscription()
    {
        Rig rig;
        rig.peripheral.start();
        rig.fake->connectCentral(Central, 185);
        auto *link =
            qobject_cast<BlePeripheralLink *>(rig.opened.takeFirst().at(0).value<Link *>());
        link->send("announce");
        rig.clock.advance(1000);
        QVERIFY(rig.fake->notifications.isEmpty());
        QVERIFY(!link->isSubscribed());
        rig.fake->subscribe(true);
        QVERIFY(link->isSubscribed());
        QCOMPARE(rig.fake->notifications.size(), 1);
        QCOMPARE(rig.fake->notifications.constFirst().value, QByteArray("announce"));
        QCOMPARE(rig.fake->notifications.constFirst().characteristic,
                 BitchatGattProfile::characteristicUuid());
    }

    void mtuIsTheAttPayload_data()
    {
        QTest::addColumn<int>("attMtu");
        QTest::addColumn<int>("linkMtu");
        QTest::newRow("no MTU exchange") << 23 << 20;
        QTest::newRow("iOS") << 185 << 182;
        QTest::newRow("Android / BlueZ maximum") << 517 << 514;
    }

    void mtuIsTheAttPayload()
    {
        QFETCH(int, attMtu);
        QFETCH(int, linkMtu);
        Rig rig;
        rig.peripheral.start();
        BlePeripheralLink *link = rig.connectAndSubscribe(attMtu);
        QVERIFY(link);
        QCOMPARE(link->mtu(), linkMtu);
    }

    void notificationsFitTheMtuAndArePaced()
    {
        Rig rig;
        rig.peripheral.start();
        BlePeripheralLink *link = rig.connectAndSubscribe(185);
        QVERIFY(link);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"ATT MTU too small"_s));
        link->send(QByteArray(183, 'o')); // over mtu(): the mesh should have fragmented it
        QVERIFY(rig.fake->notifications.isEmpty());

        for (int i = 0; i < 9; ++i)
            link->send(QByteArray(182, char('a' + i)));
        QCOMPARE(rig.fake->notifications.size(), Pacing.burst); // the rest waits
        rig.clock.advance(200);
        QCOMPARE(rig.fake->notifications.size(), 9);
        for (int i = 0; i < 9; ++i) {
            const FakeGattServer::Notification &n = rig.fake->notifications.at(i);
            QCOMPARE(n.value, QByteArray(182, char('a' + i))); // whole, in order
            QVERIFY(n.value.size() <= link->mtu());
            QCOMPARE(n.atMs, qint64(i / Pacing.burst) * Pacing.intervalMs);
        }
    }

    void disconnectClosesTheLinkAndPublishesAgain()
    {
        Rig rig;
        rig.peripheral.start();
        BlePeripheralLink *link = rig.connectAndSubscribe(185);
        QVERIFY(link);
        QSignalSpy closed(link, &Link::closed);
        rig.fake->dropCentral();
        QCOMPARE(closed.size(), 1);
        QCOMPARE(closed.constFirst().at(0).toString(), u"central disconnected"_s);
        QVERIFY(!link->isOpen());
        QCOMPARE(link->mtu(), 0);

        // Qt forgot the service with the central: it is added and advertised again.
        QCOMPARE(rig.fake->services.size(), 2);
        QVERIFY(isBitchatService(rig.fake->services.constLast()));
        QCOMPARE(rig.fake->advertisements.size(), 2);
        QVERIFY(rig.fake->isPublished());
        QVERIFY(rig.fake->isAdvertising());
        QCOMPARE(rig.peripheral.status(), BlePeripheral::Status::Advertising);

        // And the next central gets a fresh link.
        BlePeripheralLink *next = rig.connectAndSubscribe(185);
        QVERIFY(next);
        QVERIFY(next != link);
        next->send("hello");
        QCOMPARE(rig.fake->notifications.size(), 1);
        // The old link stays closed and silent.
        link->send("late");
        QCOMPARE(rig.fake->notifications.size(), 1);
    }

    void closingTheLinkDropsTheCentral()
    {
        Rig rig;
        rig.peripheral.start();
        BlePeripheralLink *link = rig.connectAndSubscribe(185);
        QVERIFY(link);
        QSignalSpy closed(link, &Link::closed);
        link->close(u"duplicate link"_s);
        QCOMPARE(closed.size(), 1);
        QCOMPARE(closed.constFirst().at(0).toString(), u"duplicate link"_s);
        QCOMPARE(rig.fake->disconnectCalls, 1);
        QCOMPARE(rig.fake->advertisements.size(), 2);
    }

    void stopClosesTheLinkWithTheReason()
    {
        Rig rig;
        rig.peripheral.start();
        BlePeripheralLink *link = rig.connectAndSubscribe(185);
        QVERIFY(link);
        QSignalSpy closed(link, &Link::closed);
        rig.peripheral.stop(u"Bluetooth off"_s);
        QCOMPARE(closed.size(), 1);
        QCOMPARE(closed.constFirst().at(0).toString(), u"Bluetooth off"_s);
        QCOMPARE(rig.peripheral.status(), BlePeripheral::Status::Stopped);
        QVERIFY(!rig.fake); // the server is gone
        // Started again (Bluetooth back on): a new server, published and advertising.
        QVERIFY(rig.peripheral.start());
        QCOMPARE(rig.made, 2);
        QCOMPARE(rig.fake->advertisements.size(), 1);
    }

    void serverFailingAtCreationFailsTheRole()
    {
        Rig rig(FakeGattServer::Failure::AtCreation);
        QSignalSpy changed(&rig.peripheral, &BlePeripheral::statusChanged);
        QVERIFY(!rig.peripheral.start());
        QCOMPARE(rig.peripheral.status(), BlePeripheral::Status::Failed);
        QCOMPARE(rig.peripheral.errorString(), u"cannot open the adapter's HCI socket"_s);
        QCOMPARE(changed.size(), 1);
    }

    void refusedAdvertisementFailsTheRole()
    {
        Rig rig(FakeGattServer::Failure::WhenAdvertising);
        QVERIFY(!rig.peripheral.start());
        QCOMPARE(rig.peripheral.status(), BlePeripheral::Status::Failed);
        QCOMPARE(rig.peripheral.errorString(), u"Error occurred trying to start advertising"_s);
        // Another start() tries a fresh server (e.g. after Bluetooth was switched off and on).
        QVERIFY(!rig.peripheral.start());
        QCOMPARE(rig.made, 2);
    }
};

QTEST_GUILESS_MAIN(BlePeripheralTest)
#include "BlePeripheralTest.moc"
