// SPDX-License-Identifier: GPL-3.0-or-later
#include <QCoreApplication>
#include <QNetworkInterface>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <QUdpSocket>

#include "LanDiscovery.h"
#include "VirtualClock.h"

using namespace Qt::StringLiterals;

namespace {
const QHostAddress Group(u"239.255.77.77"_s);

/** A loopback sender to the discovery group, as a node (or an attacker) on this host would be. */
class GroupSender
{
public:
    explicit GroupSender(quint16 port)
        : m_port(port)
    {
        m_socket.bind(QHostAddress::LocalHost, 0);
        m_socket.setMulticastInterface(QNetworkInterface::interfaceFromName(u"lo"_s));
        m_socket.setSocketOption(QAbstractSocket::MulticastLoopbackOption, 1);
    }
    bool send(const QByteArray &datagram)
    {
        return m_socket.writeDatagram(datagram, Group, m_port) == datagram.size();
    }

private:
    QUdpSocket m_socket;
    quint16 m_port;
};
} // namespace

/** Discovery on interface lo with multicast loopback: two nodes of one host find each other. */
class LanDiscoveryTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // A port of our own, so parallel test runs do not hear each other.
        m_port = quint16(40'000 + QCoreApplication::applicationPid() % 20'000);

        // Measure first: can this host loop multicast back on lo at all?
        QUdpSocket receiver;
        if (!receiver.bind(Group, m_port,
                           QUdpSocket::ShareAddress | QUdpSocket::ReuseAddressHint) ||
            !receiver.joinMulticastGroup(Group, QNetworkInterface::interfaceFromName(u"lo"_s)))
            QSKIP(qPrintable(
                u"cannot join %1 on lo: %2"_s.arg(Group.toString(), receiver.errorString())));
        GroupSender sender(m_port);
        if (!sender.send("probe"))
            QSKIP("cannot send to the multicast group on lo");
        if (!QTest::qWaitFor([&receiver] { return receiver.hasPendingDatagrams(); }, 5'000))
            QSKIP("multicast sent on lo does not loop back within 5 s in this environment");
    }

    void staysOffWithoutAnInterface()
    {
        VirtualClock clock;
        QRandomGenerator random(1);
        LanDiscovery discovery(clock, &random, {});
        QVERIFY(!discovery.start());
        QVERIFY(!discovery.isRunning());
        QVERIFY(!discovery.errorString().isEmpty());
    }

    void findsTheOtherNodeButNotItself()
    {
        VirtualClock clock;
        QRandomGenerator random(1);
        LanDiscovery first(clock, &random, options(4'001));
        LanDiscovery second(clock, &random, options(4'002));
        QSignalSpy firstFound(&first, &LanDiscovery::peerDiscovered);
        QSignalSpy secondFound(&second, &LanDiscovery::peerDiscovered);
        QVERIFY2(first.start(), qPrintable(first.errorString()));
        QVERIFY2(second.start(), qPrintable(second.errorString()));
        QCOMPARE(first.beaconsSent(), 1u);

        // first's opening beacon may predate second's membership; the next round reaches both.
        clock.advance(6'000);
        QTRY_COMPARE(firstFound.size(), 1);
        QTRY_COMPARE(secondFound.size(), 1);
        QCOMPARE(firstFound.at(0).at(0).toString(), u"ws://127.0.0.1:4002"_s);
        QCOMPARE(secondFound.at(0).at(0).toString(), u"ws://127.0.0.1:4001"_s);

        // More beacons, then a marker: once it is counted, everything sent before has been read.
        clock.advance(6'000);
        QVERIFY(GroupSender(m_port).send("marker"));
        QTRY_COMPARE(first.malformedCount(), 1u);
        QCOMPARE(first.beaconsSent(), 3u);
        QCOMPARE(firstFound.size(), 1); // a known node is announced once, not per beacon
    }

    void malformedBeaconsAreCountedAndIgnored()
    {
        VirtualClock clock;
        QRandomGenerator random(1);
        LanDiscovery discovery(clock, &random, options(0)); // listens only
        QSignalSpy found(&discovery, &LanDiscovery::peerDiscovered);
        QVERIFY2(discovery.start(), qPrintable(discovery.errorString()));
        QByteArray wrongVersion = LanDiscovery::encodeBeacon(7, 4'000);
        wrongVersion[4] = 2;
        QByteArray truncated = LanDiscovery::encodeBeacon(7, 4'000);
        truncated.chop(1);

        GroupSender sender(m_port);
        QVERIFY(sender.send(wrongVersion));
        QVERIFY(sender.send(truncated));
        QVERIFY(sender.send(LanDiscovery::encodeBeacon(7, 0))); // port 0
        QVERIFY(sender.send(QByteArray(15, 'M')));
        QVERIFY(sender.send(LanDiscovery::encodeBeacon(7, 4'000))); // a good one last

        QVERIFY(found.wait());
        QCOMPARE(found.at(0).at(0).toString(), u"ws://127.0.0.1:4000"_s);
        QCOMPARE(discovery.malformedCount(), 4u);
        QCOMPARE(discovery.beaconsSent(), 0u);
    }

private:
    LanDiscovery::Options options(quint16 webSocketPort) const
    {
        LanDiscovery::Options options;
        options.interfaceName = u"lo"_s;
        options.group = Group;
        options.port = m_port;
        options.webSocketPort = webSocketPort;
        options.beaconIntervalMs = 5'000;
        return options;
    }

    quint16 m_port = 0;
};

QTEST_GUILESS_MAIN(LanDiscoveryTest)
#include "LanDiscoveryTest.moc"
