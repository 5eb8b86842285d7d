// SPDX-License-Identifier: GPL-3.0-or-later
// The peripheral role over a fake GATT server, in virtual time: what is published and
// advertised, writes becoming frames, frames becoming paced notifications within the ATT MTU,
// and publishing again after every disconnect; the bounded notification queue, and centrals
// sharing the node's link slots under LinkManager's rules (issue 8 defects 4 and 5).
#include <QLowEnergyCharacteristicData>
#include <QLowEnergyDescriptorData>
#include <QPointer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

#include "BitchatGattProfile.h"
#include "BlePeripheral.h"
#include "BlePeripheralLink.h"
#include "FakeGattServer.h"
#include "FakeLink.h"
#include "FakeLinkTransport.h"
#include "LinkManager.h"
#include "VirtualClock.h"

using namespace Qt::StringLiterals;

namespace {
const QString Central = u"C0:FF:EE:00:00:01"_s;
const FramePacer::Policy Pacing{2, 20, 64};
const PeerId LocalPeer = *PeerId::fromHex(u"0000000000000001"_s);
const PeerId NeighbourA = *PeerId::fromHex(u"00000000000000aa"_s);
const PeerId NeighbourB = *PeerId::fromHex(u"00000000000000bb"_s);

/** Hands the peripheral's links to a LinkManager exactly as BleTransport does. */
class PeripheralTransport final : public LinkTransport
{
public:
    explicit PeripheralTransport(BlePeripheral &peripheral)
    {
        connect(&peripheral, &BlePeripheral::linkOpened, this, &LinkTransport::linkOpened);
    }
    LinkType type() const override { return LinkType::Ble; }
    bool start() override { return true; }
    bool isRunning() const override { return true; }
    void dial(const QString &) override {}
};

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

    void notificationQueueRefusesRelaysFirstAndDropsAStuckCentral()
    {
        Rig rig;
        rig.peripheral.start();
        rig.fake->connectCentral(Central, 185); // and never subscribes
        auto *link =
            qobject_cast<BlePeripheralLink *>(rig.opened.takeFirst().at(0).value<Link *>());
        QSignalSpy closed(link, &Link::closed);
        const QByteArray frame(100, 'f');

        int relays = 0;
        while (relays < 100 && link->send(frame, SendPriority::Relay) == SendResult::Accepted)
            ++relays;
        int own = 0;
        while (own < 100 && link->send(frame) == SendResult::Accepted)
            ++own;

        QCOMPARE(relays, 48); // three quarters of the 64 frames the pacer holds
        QCOMPARE(own, 16);    // the rest is kept for this node's own frames
        QCOMPARE(link->pacer().queuedCount(), 64);
        QCOMPARE(link->sendQueue().refusedCount(SendPriority::Relay), 1u);
        QCOMPARE(link->sendQueue().refusedCount(SendPriority::Own), 1u);

        rig.clock.advance(4'999);
        QVERIFY(link->isOpen());
        rig.clock.advance(1);
        QCOMPARE(closed.size(), 1);
        QCOMPARE(closed.at(0).at(0).toString(), u"send queue stuck"_s);
        QCOMPARE(rig.fake->disconnectCalls, 1);
        QCOMPARE(link->pacer().droppedCount(), 64u); // what never went out is counted
        QVERIFY(rig.fake->notifications.isEmpty());
        QVERIFY(rig.fake->isAdvertising()); // free for the next central
    }

    void subscribedCentralThatDrainsStaysOpen()
    {
        Rig rig;
        rig.peripheral.start();
        BlePeripheralLink *link = rig.connectAndSubscribe(185);
        QVERIFY(link);
        int relays = 0;
        while (relays < 100 &&
               link->send(QByteArray(100, 'r'), SendPriority::Relay) == SendResult::Accepted)
            ++relays;
        QCOMPARE(relays, Pacing.burst + 48); // the first burst went out at once

        rig.clock.advance(60'000);
        QVERIFY(link->isOpen());
        QCOMPARE(rig.fake->notifications.size(), relays);
        QCOMPARE(link->send("more", SendPriority::Relay), SendResult::Accepted);
    }

    void silentCentralIsDroppedAtTheAnnounceDeadline_data()
    {
        QTest::addColumn<bool>("announces");
        QTest::newRow("central never announces") << false;
        QTest::newRow("central announces") << true;
    }

    void silentCentralIsDroppedAtTheAnnounceDeadline()
    {
        // Qt 6.4 serves one central at a time: one that never announces would hold the
        // peripheral role for as long as it stays connected.
        QFETCH(bool, announces);
        Rig rig;
        QRandomGenerator random(1);
        LinkManager manager(LocalPeer, rig.clock, &random);
        PeripheralTransport transport(rig.peripheral);
        manager.addTransport(&transport);
        rig.peripheral.start();
        BlePeripheralLink *link = rig.connectAndSubscribe(185);
        QVERIFY(link);
        QCOMPARE(manager.links(), QList<Link *>{link});
        if (announces)
            manager.bindRemotePeer(link, NeighbourA); // what the mesh does on its announce

        rig.clock.advance(9'999);
        QVERIFY(link->isOpen());
        rig.clock.advance(1);

        QCOMPARE(link->isOpen(), announces);
        if (announces) {
            QCOMPARE(rig.peripheral.status(), BlePeripheral::Status::Connected);
            return;
        }
        QCOMPARE(manager.closedCount(u"no announce"_s), 1u);
        QCOMPARE(rig.fake->disconnectCalls, 1);
        QVERIFY(rig.fake->isAdvertising());
        QCOMPARE(rig.peripheral.status(), BlePeripheral::Status::Advertising);
        BlePeripheralLink *next = rig.connectAndSubscribe(185);
        QVERIFY(next && next->isOpen());
        QCOMPARE(manager.links(), QList<Link *>{next});
    }

    void fullNodeMakesRoomForACentral_data()
    {
        QTest::addColumn<bool>("otherAnnounced");
        QTest::newRow("an IP link that never announced gives way") << false;
        QTest::newRow("announced neighbours keep their slots") << true;
    }

    void fullNodeMakesRoomForACentral()
    {
        QFETCH(bool, otherAnnounced);
        Rig rig;
        QRandomGenerator random(1);
        LinkManager manager(LocalPeer, rig.clock, &random, 2);
        FakeLinkTransport ip(rig.clock);
        PeripheralTransport ble(rig.peripheral);
        manager.addTransport(&ip);
        manager.addTransport(&ble);
        rig.peripheral.start();
        FakeLink honestEnd(true, u"ws://us"_s);
        FakeLink otherEnd(true, u"ws://us"_s);
        FakeLink *honest = ip.acceptIncoming(u"127.0.0.1:50000"_s, &honestEnd);
        FakeLink *other = ip.acceptIncoming(u"127.0.0.1:50001"_s, &otherEnd);
        manager.bindRemotePeer(honest, NeighbourA);
        if (otherAnnounced)
            manager.bindRemotePeer(other, NeighbourB);
        rig.clock.advance(3'000);

        rig.fake->connectCentral(Central, 185);

        QCOMPARE(rig.opened.size(), 1);
        Link *central = rig.opened.takeFirst().at(0).value<Link *>();
        QVERIFY(honest->isOpen());
        if (otherAnnounced) {
            QVERIFY(!central->isOpen());
            QCOMPARE(manager.closedCount(u"link limit"_s), 1u);
            QCOMPARE(manager.links(), (QList<Link *>{honest, other}));
            QCOMPARE(rig.fake->disconnectCalls, 1);
            QVERIFY(rig.fake->isAdvertising());
            return;
        }
        QVERIFY(central->isOpen());
        QCOMPARE(manager.links(), (QList<Link *>{honest, central}));
        QCOMPARE(otherEnd.closeReason(), u"remote closed: evicted"_s);
        QCOMPARE(manager.closedCount(u"evicted"_s), 1u);
        QCOMPARE(rig.peripheral.status(), BlePeripheral::Status::Connected);
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
