// SPDX-License-Identifier: GPL-3.0-or-later
// BleTransport in this process against a simulated BlueZ (BlueZSimulator): the real Qt 6.4
// D-Bus central scanning, connecting, subscribing and writing; the adapter switched off, on,
// removed and added back; the peripheral failing while the central keeps working. Timings are
// shortened (1 s scan rounds); every wait is bounded.
#include <memory>

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

#include "BlePeripheral.h"
#include "BleTransport.h"
#include "BlueZSimulator.h"
#include "FakeGattServer.h"
#include "Link.h"
#include "PeripheralPrivilege.h"
#include "SystemClock.h"

using namespace Qt::StringLiterals;

namespace {
const QString Adapter = u"hci0"_s;
const QString AddressA = u"11:22:33:44:55:66"_s;
const QString AddressB = u"11:22:33:44:55:77"_s;
const QString AddressC = u"11:22:33:44:55:88"_s;
constexpr int Timeout = 8000;

enum class Peripheral
{
    Works,
    RefusedWithoutPrivilege,
    RealQt,
};

BleTransport::Options options(Peripheral peripheral)
{
    BleTransport::Options o;
    o.central.scanMs = 1000;
    o.central.pauseMs = 300;
    o.central.devices.backoff = {200, 1000, 0.0, 30'000};
    o.central.devices.maxFailures = 3;
    o.central.devices.forgetMs = 60'000;
    o.central.dial.setupTimeoutMs = 5000;
    o.adapterPollMs = 200;
    switch (peripheral) {
    case Peripheral::Works:
        o.gattServerFactory = [](const QBluetoothAddress &) {
            return std::unique_ptr<GattServer>(std::make_unique<FakeGattServer>());
        };
        break;
    case Peripheral::RefusedWithoutPrivilege:
        // What Qt 6.4 does without CAP_NET_ADMIN/CAP_NET_RAW: advertising fails.
        o.gattServerFactory = [](const QBluetoothAddress &) {
            return std::unique_ptr<GattServer>(std::make_unique<FakeGattServer>(
                nullptr, FakeGattServer::Failure::WhenAdvertising));
        };
        o.hasPeripheralPrivilege = [] { return false; };
        break;
    case Peripheral::RealQt:
        break;
    }
    return o;
}

Link *linkAt(const QSignalSpy &spy, qsizetype index)
{
    return spy.at(index).at(0).value<Link *>();
}
} // namespace

class BleTransportSimTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_sim.start(true, &error), qPrintable(error));
        // Before anything in this process touches the system bus.
        qputenv("DBUS_SYSTEM_BUS_ADDRESS", m_sim.busAddress().toUtf8());
        qputenv("BLUETOOTH_FORCE_DBUS_LE_VERSION", BlueZSimulator::BlueZVersion);
        QVERIFY(!m_sim.addAdapter(Adapter).isEmpty());
        m_deviceA = m_sim.addBitchatDevice(Adapter, AddressA, -60, 185);
        QVERIFY(!m_deviceA.isEmpty());
    }

    void cleanup()
    {
        m_transport.reset();
        // Shutting down asks BlueZ to drop every connection it made.
        QTRY_VERIFY_WITH_TIMEOUT(!m_sim.isConnected(m_deviceA), Timeout);
        for (const QString &device : std::as_const(m_extraDevices)) {
            QTRY_VERIFY_WITH_TIMEOUT(!m_sim.isConnected(device), Timeout);
            m_sim.removeDevice(Adapter, device);
        }
        m_extraDevices.clear();
    }

    void connectsSubscribesAndCarriesFrames()
    {
        BleTransport &ble = make(Peripheral::Works);
        QSignalSpy opened(&ble, &LinkTransport::linkOpened);
        QVERIFY(ble.start());
        QCOMPARE(ble.state(), TransportState::Running);
        QCOMPARE(ble.statusText(),
                 u"Bluetooth: scanning and advertising · %1 of %1 outgoing slots free"_s.arg(
                     ble.maxOutgoing()));
        QVERIFY(ble.isRunning());

        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, Timeout);
        QTRY_VERIFY(ble.statusText().endsWith(
            u"%1 of %2 outgoing slots free"_s.arg(ble.maxOutgoing() - 1).arg(ble.maxOutgoing())));
        Link *link = linkAt(opened, 0);
        QCOMPARE(link->type(), LinkType::Ble);
        QVERIFY(link->isOutgoing());
        QCOMPARE(link->remoteAddress(), AddressA);
        QCOMPARE(link->mtu(), 512);
        QCOMPARE(link->rssi(), std::optional<int>(-60));
        QVERIFY(m_sim.isNotifying(m_deviceA)); // subscribed through the CCCD
        QCOMPARE(m_sim.connectCount(m_deviceA), 1);
        QCOMPARE(ble.maxOutgoing(), 6);
        QCOMPARE(ble.freeOutgoingSlots(), 5);

        // ATT MTU 185 (read from BlueZ): up to 182 bytes go without response, more as a
        // (long) write with response.
        const QByteArray small(182, 's');
        const QByteArray large(400, 'L');
        link->send(small);
        link->send(large);
        link->send(small);
        QTRY_COMPARE_WITH_TIMEOUT(m_sim.writes(m_deviceA).size(), 3, Timeout);
        const QList<BlueZSimulator::Write> writes = m_sim.writes(m_deviceA);
        QCOMPARE(writes.at(0).value, small);
        QCOMPARE(writes.at(0).type, u"command"_s);
        QCOMPARE(writes.at(1).value, large);
        QCOMPARE(writes.at(1).type, u"request"_s);
        QCOMPARE(writes.at(2).type, u"command"_s);

        QSignalSpy frames(link, &Link::frameReceived);
        QVERIFY(m_sim.notify(m_deviceA, "frame one"));
        QVERIFY(m_sim.notify(m_deviceA, QByteArray(300, 'n')));
        QTRY_COMPARE_WITH_TIMEOUT(frames.size(), 2, Timeout);
        QCOMPARE(frames.at(0).at(0).toByteArray(), QByteArray("frame one"));
        QCOMPARE(frames.at(1).at(0).toByteArray(), QByteArray(300, 'n'));

        // RSSI updates of the advertisement reach the link.
        QSignalSpy rssi(link, &Link::rssiChanged);
        m_sim.setRssi(m_deviceA, -42);
        QTRY_COMPARE_WITH_TIMEOUT(link->rssi(), std::optional<int>(-42), Timeout);
        QCOMPARE(rssi.size(), 1);
    }

    void eachRoundCountsEachDeviceOnce()
    {
        BleTransport &ble = make(Peripheral::Works);
        QSignalSpy rounds(&ble.central(), &BleCentral::roundFinished);
        QSignalSpy opened(&ble, &LinkTransport::linkOpened);
        const int discoveriesBefore = m_sim.discoveryCount(Adapter);
        ble.start();
        // Within the first round: a second device appears, and both keep re-advertising.
        const QString deviceB = addDevice(AddressB, -70);
        for (int rssi = -61; rssi > -66; --rssi) {
            m_sim.setRssi(m_deviceA, rssi);
            m_sim.setRssi(deviceB, rssi - 10);
        }
        QTRY_COMPARE_WITH_TIMEOUT(rounds.size(), 1, Timeout);
        QCOMPARE(rounds.at(0).at(0).toInt(), 2); // unique devices
        QCOMPARE(rounds.at(0).at(1).toInt(), 2); // new ones
        QTRY_COMPARE_WITH_TIMEOUT(rounds.size(), 2, Timeout);
        QCOMPARE(rounds.at(1).at(0).toInt(), 2);
        QCOMPARE(rounds.at(1).at(1).toInt(), 0);
        // Duty-cycled: each round is a scan of its own.
        QVERIFY(m_sim.discoveryCount(Adapter) - discoveriesBefore >= 2);
        QCOMPARE(opened.size(), 2); // one link per device, however often it was heard
        QCOMPARE(ble.freeOutgoingSlots(), 4);
    }

    void lostLinkIsRedialed()
    {
        BleTransport &ble = make(Peripheral::Works);
        QSignalSpy opened(&ble, &LinkTransport::linkOpened);
        ble.start();
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, Timeout);
        QSignalSpy closed(linkAt(opened, 0), &Link::closed);
        m_sim.dropConnection(m_deviceA); // the peripheral went out of range
        QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, Timeout);
        QCOMPARE(closed.at(0).at(0).toString(), u"disconnected"_s);
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 2, Timeout);
        QCOMPARE(linkAt(opened, 1)->remoteAddress(), AddressA);
        QVERIFY(m_sim.isNotifying(m_deviceA));
        QCOMPARE(ble.freeOutgoingSlots(), 5);
    }

    void bluetoothOffAndOnAgain()
    {
        BleTransport &ble = make(Peripheral::Works);
        QSignalSpy opened(&ble, &LinkTransport::linkOpened);
        ble.start();
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, Timeout);
        QSignalSpy closed(linkAt(opened, 0), &Link::closed);

        m_sim.setPowered(Adapter, false);
        QTRY_COMPARE_WITH_TIMEOUT(ble.state(), TransportState::Off, Timeout);
        QCOMPARE(ble.statusText(), u"Bluetooth off"_s);
        QVERIFY(!ble.isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(ble.freeOutgoingSlots(), 6, Timeout);

        m_sim.setPowered(Adapter, true);
        QTRY_COMPARE_WITH_TIMEOUT(ble.state(), TransportState::Running, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 2, Timeout);
        QVERIFY(m_sim.isNotifying(m_deviceA));
    }

    void adapterRemovedAndPluggedBackIn()
    {
        BleTransport &ble = make(Peripheral::Works);
        QSignalSpy opened(&ble, &LinkTransport::linkOpened);
        ble.start();
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, Timeout);
        QSignalSpy closed(linkAt(opened, 0), &Link::closed);

        m_sim.removeAdapter(Adapter);
        QTRY_COMPARE_WITH_TIMEOUT(ble.state(), TransportState::Unavailable, Timeout);
        QCOMPARE(ble.statusText(), u"no Bluetooth adapter"_s);
        QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, Timeout);

        QVERIFY(!m_sim.addAdapter(Adapter).isEmpty());
        m_deviceA = m_sim.addBitchatDevice(Adapter, AddressA, -60, 185);
        QTRY_COMPARE_WITH_TIMEOUT(ble.state(), TransportState::Running, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 2, Timeout);
    }

    void peripheralRefusedCentralKeepsWorking()
    {
        BleTransport &ble = make(Peripheral::RefusedWithoutPrivilege);
        QSignalSpy opened(&ble, &LinkTransport::linkOpened);
        ble.start();
        QCOMPARE(ble.state(), TransportState::NeedsPermission);
        QVERIFY(ble.statusText().contains(u"sudo setcap 'cap_net_raw,cap_net_admin+eip' "_s +
                                          PeripheralPrivilege::currentBinaryPath()));
        QVERIFY(ble.isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, Timeout); // the central still links
        QCOMPARE(ble.state(), TransportState::NeedsPermission);
    }

    void qtPeripheralOnThisMachine()
    {
        // The real QtGattServer: Qt 6.4 opens kernel HCI/ATT sockets for the simulated adapter,
        // which the kernel does not have. Which state results depends only on our capabilities.
        BleTransport &ble = make(Peripheral::RealQt);
        QSignalSpy opened(&ble, &LinkTransport::linkOpened);
        ble.start();
        QVERIFY(ble.peripheral());
        QCOMPARE(ble.peripheral()->status(), BlePeripheral::Status::Failed);
        const bool privileged = PeripheralPrivilege::processHasCapabilities();
        QCOMPARE(ble.state(),
                 privileged ? TransportState::Partial : TransportState::NeedsPermission);
        QVERIFY2(ble.statusText().startsWith(u"Bluetooth: scanning only"_s),
                 qPrintable(ble.statusText()));
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, Timeout);
    }

    void unreachableDeviceIsForgotten()
    {
        const QString deviceC = addDevice(AddressC, -80);
        m_sim.setConnectable(deviceC, false);
        BleTransport &ble = make(Peripheral::Works);
        QSignalSpy rounds(&ble.central(), &BleCentral::roundFinished);
        ble.start();
        QTRY_VERIFY_WITH_TIMEOUT(
            ble.central().devices().isForgotten(AddressC, m_clock.monotonicMs()), Timeout);
        QCOMPARE(m_sim.connectAttempts(deviceC), 3);
        // Heard in every round, but not dialed again while forgotten.
        const qsizetype seen = rounds.size();
        QTRY_VERIFY_WITH_TIMEOUT(rounds.size() >= seen + 2, Timeout);
        QCOMPARE(m_sim.connectAttempts(deviceC), 3);
        QCOMPARE(ble.freeOutgoingSlots(), 5); // only A's link holds a slot
    }

    void connectionLimitIsHonoured()
    {
        addDevice(AddressB, -70);
        BleTransport &ble = make(Peripheral::Works);
        ble.setMaxOutgoing(1);
        QSignalSpy opened(&ble, &LinkTransport::linkOpened);
        QSignalSpy rounds(&ble.central(), &BleCentral::roundFinished);
        ble.start();
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, Timeout);
        QCOMPARE(ble.freeOutgoingSlots(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(rounds.size() >= 2, Timeout);
        QCOMPARE(opened.size(), 1); // both heard, one dialed
        ble.setMaxOutgoing(2);
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 2, Timeout);
        QCOMPARE(ble.freeOutgoingSlots(), 0);
    }

    void dialAnswersOnceAndNeverInline()
    {
        BleTransport &ble = make(Peripheral::Works);
        QSignalSpy opened(&ble, &LinkTransport::linkOpened);
        QSignalSpy failed(&ble, &LinkTransport::dialFailed);
        ble.start();
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, Timeout);
        ble.dial(AddressA);
        ble.dial(u"not an address"_s);
        QCOMPARE(failed.size(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 2, Timeout);
        QCOMPARE(failed.at(0).at(0).toString(), AddressA);
        QCOMPARE(failed.at(1).at(0).toString(), u"not an address"_s);
    }

private:
    BleTransport &make(Peripheral peripheral)
    {
        m_transport = std::make_unique<BleTransport>(m_clock, &m_random, options(peripheral));
        return *m_transport;
    }

    QString addDevice(const QString &address, int rssi)
    {
        const QString path = m_sim.addBitchatDevice(Adapter, address, rssi, 185);
        m_extraDevices.append(path);
        return path;
    }

    BlueZSimulator m_sim;
    SystemClock m_clock;
    QRandomGenerator m_random{42};
    std::unique_ptr<BleTransport> m_transport;
    QString m_deviceA;
    QStringList m_extraDevices;
};

QTEST_GUILESS_MAIN(BleTransportSimTest)
#include "BleTransportSimTest.moc"
