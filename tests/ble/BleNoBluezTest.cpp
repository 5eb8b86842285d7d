// SPDX-License-Identifier: GPL-3.0-or-later
// Bluetooth missing altogether: a system bus without org.bluez, or no system bus at all. The
// transport says "no Bluetooth adapter" at once (Qt's discovery agent would never finish) and
// real nodes in that state still chat over IP on 127.0.0.1.
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

#include "BlePeripheral.h"
#include "BleTransport.h"
#include "BlueZSimulator.h"
#include "NodeProcess.h"
#include "SystemClock.h"

using namespace Qt::StringLiterals;

namespace {
constexpr int Timeout = 10'000;
const QString NoAdapter = u"meshcast.ble: no Bluetooth adapter"_s;
} // namespace

class BleNoBluezTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_bus.start(false, &error), qPrintable(error)); // a bus, and no BlueZ on it
        qputenv("DBUS_SYSTEM_BUS_ADDRESS", m_bus.busAddress().toUtf8());
    }

    void transportReportsNoAdapterAtOnce()
    {
        SystemClock clock;
        QRandomGenerator random(7);
        BleTransport ble(clock, &random);
        QSignalSpy failed(&ble, &LinkTransport::dialFailed);
        QElapsedTimer elapsed;
        elapsed.start();
        QVERIFY(!ble.start());
        QVERIFY(elapsed.elapsed() < 5000); // no waiting for a finished() that never comes
        QCOMPARE(ble.state(), TransportState::Unavailable);
        QCOMPARE(ble.statusText(), u"no Bluetooth adapter"_s);
        QVERIFY(!ble.isRunning());
        QVERIFY(ble.peripheral());
        QCOMPARE(ble.peripheral()->status(), BlePeripheral::Status::Stopped);
        ble.dial(u"11:22:33:44:55:66"_s);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, Timeout);
    }

    void nodesWithoutBluetoothChatOverIp()
    {
        // A: no system bus at all. B: a system bus without org.bluez. Both on loopback.
        QProcessEnvironment noBus = QProcessEnvironment::systemEnvironment();
        noBus.insert(u"DBUS_SYSTEM_BUS_ADDRESS"_s, u"unix:path=/nonexistent"_s);
        const QProcessEnvironment noBlueZ = m_bus.nodeEnvironment();

        NodeProcess a;
        QVERIFY(a.start({u"--listen"_s, u"127.0.0.1:0"_s, u"--nick"_s, u"no-bus"_s,
                         u"--announce-interval-ms"_s, u"1000"_s},
                        noBus));
        const QString url = a.ready().value(u"listen"_s).toString();
        QVERIFY(url.startsWith(u"ws://127.0.0.1:"_s));
        NodeProcess b;
        QVERIFY(b.start({u"--listen"_s, u"127.0.0.1:0"_s, u"--nick"_s, u"no-bluez"_s, u"--peer"_s,
                         url, u"--announce-interval-ms"_s, u"1000"_s},
                        noBlueZ));

        // Without --verbose too: the state is reported once as a warning.
        QTRY_COMPARE_WITH_TIMEOUT(a.logLinesWith(NoAdapter).size(), 1, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(b.logLinesWith(NoAdapter).size(), 1, Timeout);

        b.send(u"over IP while Bluetooth is missing"_s);
        QTRY_COMPARE_WITH_TIMEOUT(a.messages(u"over IP while Bluetooth is missing"_s).size(), 1,
                                  Timeout);
        QCOMPARE(a.messages(u"over IP while Bluetooth is missing"_s)
                     .constFirst()
                     .value(u"hops"_s)
                     .toInt(),
                 1);
        a.send(u"and back"_s);
        QTRY_COMPARE_WITH_TIMEOUT(b.messages(u"and back"_s).size(), 1, Timeout);

        QVERIFY(a.quit());
        QVERIFY(b.quit());
        QCOMPARE(a.exitCode(), 0);
        QCOMPARE(b.exitCode(), 0);
        // Still exactly one report each: no retry loop filling the log.
        QCOMPARE(a.logLinesWith(NoAdapter).size(), 1);
        QCOMPARE(b.logLinesWith(NoAdapter).size(), 1);
    }

private:
    BlueZSimulator m_bus;
};

QTEST_GUILESS_MAIN(BleNoBluezTest)
#include "BleNoBluezTest.moc"
