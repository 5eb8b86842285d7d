// SPDX-License-Identifier: GPL-3.0-or-later
// How the adapter and the two roles add up to one transport state and one status line.
#include <QTest>

#include "BleStatus.h"
#include "PeripheralPrivilege.h"

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(BleStatus)
Q_DECLARE_METATYPE(TransportState)

namespace {
const QString Binary = u"/opt/meshcast/bin/meshcast"_s;

BleStatus status(BleStatus::Adapter adapter, bool scanning, BleStatus::Peripheral peripheral,
                 bool needsPrivilege = false, const QString &centralError = {})
{
    BleStatus s;
    s.adapter = adapter;
    s.scanning = scanning;
    s.centralError = centralError;
    s.peripheral = peripheral;
    s.peripheralError = u"Error occurred trying to start advertising"_s;
    s.peripheralNeedsPrivilege = needsPrivilege;
    s.binaryPath = Binary;
    return s;
}
} // namespace

class BleStatusTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void stateAndText_data()
    {
        using A = BleStatus::Adapter;
        using P = BleStatus::Peripheral;
        QTest::addColumn<BleStatus>("status");
        QTest::addColumn<TransportState>("state");
        QTest::addColumn<QString>("text");

        QTest::newRow("not started") << status(A::NotStarted, false, P::Starting)
                                     << TransportState::Off << u"Bluetooth not started"_s;
        QTest::newRow("no BlueZ, no system bus or no adapter")
            << status(A::Missing, false, P::Starting) << TransportState::Unavailable
            << u"no Bluetooth adapter"_s;
        QTest::newRow("adapter powered off") << status(A::PoweredOff, false, P::Starting)
                                             << TransportState::Off << u"Bluetooth off"_s;
        QTest::newRow("both roles up")
            << status(A::PoweredOn, true, P::Working) << TransportState::Running
            << u"Bluetooth: scanning and advertising"_s;
        QTest::newRow("peripheral switched off in the options")
            << status(A::PoweredOn, true, P::Disabled) << TransportState::Running
            << u"Bluetooth: scanning"_s;
        QTest::newRow("coming up") << status(A::PoweredOn, false, P::Starting)
                                   << TransportState::Starting << u"Bluetooth starting"_s;
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
        const QString hint = u"Bluetooth: scanning only. To advertise, use BlueZ 5.56 or later, "
                             u"or run: sudo setcap 'cap_net_raw,cap_net_admin+eip' "_s +
                             Binary;
#else
        const QString hint = u"Bluetooth: scanning only. To advertise, run: sudo setcap "
                             u"'cap_net_raw,cap_net_admin+eip' "_s +
                             Binary;
#endif
        QTest::newRow("peripheral refused, capabilities missing")
            << status(A::PoweredOn, true, P::Failed, true) << TransportState::NeedsPermission
            << hint;
        QTest::newRow("peripheral refused for another reason")
            << status(A::PoweredOn, true, P::Failed, false) << TransportState::Partial
            << u"Bluetooth: scanning only (advertising failed: Error occurred trying to start "
               u"advertising)"_s;
        QTest::newRow("scanner failed, peripheral fine")
            << status(A::PoweredOn, false, P::Working, false, u"Input/output error"_s)
            << TransportState::Partial
            << u"Bluetooth: advertising only (scanning failed: Input/output error)"_s;
        QTest::newRow("both failed")
            << status(A::PoweredOn, false, P::Failed, true, u"Input/output error"_s)
            << TransportState::Failed << u"Bluetooth failed: Input/output error"_s;
    }

    void stateAndText()
    {
        QFETCH(BleStatus, status);
        QFETCH(TransportState, state);
        QFETCH(QString, text);
        QCOMPARE(status.state(), state);
        QCOMPARE(status.text(), text);
    }

    void capabilities_data()
    {
        QTest::addColumn<QByteArray>("procStatus");
        QTest::addColumn<bool>("granted");
        const QByteArray head = "Name:\tmeshcast\nCapInh:\t0000000000000000\n";
        QTest::newRow("root") << head + "CapEff:\t000001ffffffffff\n" << true;
        QTest::newRow("setcap net_raw,net_admin") << head + "CapEff:\t0000000000003000\n" << true;
        QTest::newRow("net_admin only") << head + "CapEff:\t0000000000001000\n" << false;
        QTest::newRow("net_raw only") << head + "CapEff:\t0000000000002000\n" << false;
        QTest::newRow("plain user") << head + "CapEff:\t0000000000000000\n" << false;
        QTest::newRow("no CapEff line") << head << false;
    }

    void capabilities()
    {
        QFETCH(QByteArray, procStatus);
        QFETCH(bool, granted);
        QCOMPARE(PeripheralPrivilege::statusHasCapabilities(procStatus), granted);
    }

    void setcapCommandNamesTheBinary()
    {
        QCOMPARE(PeripheralPrivilege::setcapCommand(Binary),
                 u"sudo setcap 'cap_net_raw,cap_net_admin+eip' /opt/meshcast/bin/meshcast"_s);
        QCOMPARE(PeripheralPrivilege::currentBinaryPath(),
                 QFileInfo(QCoreApplication::applicationFilePath()).canonicalFilePath());
    }
};

QTEST_GUILESS_MAIN(BleStatusTest)
#include "BleStatusTest.moc"
