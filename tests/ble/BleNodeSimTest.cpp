// SPDX-License-Identifier: GPL-3.0-or-later
// A real `meshcast --headless` node (BLE on, IP off) against a simulated BlueZ, with one
// simulated bitchat peer in range. The test functions run in order on the same node: it
// discovers the peer (one log line per scan round, however often the peer re-advertises),
// connects, subscribes and writes its signed announce; the peer answers each connection with its
// own signed announce, as bitchat does (a link without one is closed after 10 s); the peer's
// message, notified to it, arrives with hops 1; a lost connection is made again; Bluetooth
// switched off shows as off, and switched on again resumes. The node runs with its shipped
// timings (10 s scan, 5 s pause), so this takes about half a minute.
#include <QDateTime>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include "AnnouncePayload.h"
#include "BlueZSimulator.h"
#include "Identity.h"
#include "MeshTestPeer.h"
#include "MessageType.h"
#include "NodeProcess.h"
#include "PacketCodec.h"
#include "PacketSigner.h"

using namespace Qt::StringLiterals;

namespace {
const QString Adapter = u"hci0"_s;
const QString PeerAddress = u"C4:2A:0B:1E:77:10"_s;
const QString NodeNick = u"meshcast-under-test"_s;
constexpr int RoundTimeout = 20'000; // one 10 s scan round, with room
constexpr int Timeout = 10'000;

quint64 now()
{
    return quint64(QDateTime::currentMSecsSinceEpoch());
}
} // namespace

class BleNodeSimTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_sim.start(true, &error), qPrintable(error));
        QVERIFY(!m_sim.addAdapter(Adapter).isEmpty());
        m_device = m_sim.addBitchatDevice(Adapter, PeerAddress, -58, 185);
        QVERIFY(!m_device.isEmpty());
    }

    void init()
    {
        // The functions share one node: without it the rest would only wait for timeouts.
        if (qstrcmp(QTest::currentTestFunction(), "nodeStartsCentralWithoutPeripheral") != 0 &&
            !m_node.isRunning())
            QSKIP("the node is not running");
    }

    void nodeStartsCentralWithoutPeripheral()
    {
        QProcessEnvironment environment = m_sim.nodeEnvironment();
        environment.remove(u"QT_LOGGING_RULES"_s); // ctest's would silence --verbose
        QVERIFY(m_node.start({u"--listen"_s, u"none"_s, u"--verbose"_s, u"--nick"_s, NodeNick},
                             environment));
        // No HCI socket here: the peripheral fails, the central keeps running.
        QTRY_VERIFY_WITH_TIMEOUT(!m_node.logLinesWith(u"Bluetooth: scanning only"_s).isEmpty(),
                                 Timeout);
    }

    void writesItsSignedAnnounce()
    {
        QTRY_VERIFY2_WITH_TIMEOUT(!m_sim.writes(m_device).isEmpty(), qPrintable(m_node.log()),
                                  Timeout);
        QVERIFY(m_sim.isNotifying(m_device)); // it subscribed before writing
        const QByteArray frame = m_sim.writes(m_device).constFirst().value;
        const auto packet = PacketCodec().decode(frame);
        QVERIFY(packet);
        QCOMPARE(packet.value().type, quint8(MessageType::Announce));
        QCOMPARE(packet.value().ttl, Packet::DefaultTtl);
        QCOMPARE(packet.value().senderId.toHex(), m_node.ready().value(u"peer_id"_s).toString());
        const auto announce = AnnouncePayload::decode(packet.value().payload);
        QVERIFY(announce);
        QCOMPARE(announce.value().nickname, NodeNick);
        // The keys in it are the node's: its fingerprint is that of the Noise key…
        QCOMPARE(
            Identity::formatFingerprint(Identity::fingerprintOf(announce.value().noisePublicKey)),
            m_node.ready().value(u"fingerprint"_s).toString());
        // …and the Ed25519 signature over the frame holds for its signing key.
        QVERIFY(packet.value().signature.has_value());
        QVERIFY(PacketSigner::verify(packet.value(), announce.value().signingPublicKey));
        // The same check through the packet tool, and a tampered frame failing it.
        const QString key = QString::fromLatin1(announce.value().signingPublicKey.toHex());
        QCOMPARE(verifyWithTool(frame, key), u"{\"valid\":true}"_s);
        QByteArray tampered = frame;
        tampered[16] = char(tampered[16] ^ 0x01); // a timestamp byte
        QCOMPARE(verifyWithTool(tampered, key), u"{\"valid\":false}"_s);
        QVERIFY(m_sim.notify(m_device, m_peer.frame(m_peer.announcePacket(now()))));
    }

    void countsThePeerOncePerRound()
    {
        // Re-advertisements with new RSSI, as a phone in range sends all the time.
        for (int rssi = -59; rssi > -69; --rssi)
            m_sim.setRssi(m_device, rssi);
        QTRY_VERIFY_WITH_TIMEOUT(!m_node.logLinesWith(u"meshcast.ble: scan: "_s).isEmpty(),
                                 RoundTimeout);
        const QStringList rounds = m_node.logLinesWith(u"meshcast.ble: scan: "_s);
        QCOMPARE(rounds, QStringList{u"meshcast.ble: scan: 1 unique devices, 1 new"_s});
        QCOMPARE(m_sim.connectCount(m_device), 1); // and connected once
    }

    void peersMessageArrivesWithOneHop()
    {
        QVERIFY(m_sim.notify(m_device, m_peer.frame(m_peer.announcePacket(now()))));
        QVERIFY(
            m_sim.notify(m_device, m_peer.frame(m_peer.messagePacket(u"hello over BLE"_s, now()))));
        QTRY_COMPARE_WITH_TIMEOUT(m_node.messages(u"hello over BLE"_s).size(), 1, Timeout);
        const QJsonObject message = m_node.messages(u"hello over BLE"_s).constFirst();
        QCOMPARE(message.value(u"hops"_s).toInt(), 1);
        QCOMPARE(message.value(u"verified"_s).toBool(), true);
        QCOMPARE(message.value(u"peer_id"_s).toString(), m_peer.id().toHex());
        QCOMPARE(message.value(u"nick"_s).toString(), u"simulated-peer"_s);
        bool joined = false;
        for (const QJsonObject &peer : m_node.events(u"peer"_s)) {
            if (peer.value(u"peer_id"_s).toString() == m_peer.id().toHex() &&
                peer.value(u"state"_s).toString() == u"joined"_s) {
                QCOMPARE(peer.value(u"link"_s).toString(), u"ble"_s);
                QCOMPARE(peer.value(u"hops"_s).toInt(), 1);
                joined = true;
            }
        }
        QVERIFY(joined);
    }

    void lostConnectionIsMadeAgain()
    {
        const qsizetype writesBefore = m_sim.writes(m_device).size();
        m_sim.dropConnection(m_device);
        QTRY_COMPARE_WITH_TIMEOUT(m_sim.connectCount(m_device), 2, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(m_sim.isNotifying(m_device), Timeout);
        // The new link gets the node's announce at once, as any new neighbour does.
        QTRY_VERIFY_WITH_TIMEOUT(m_sim.writes(m_device).size() > writesBefore, Timeout);
        const auto packet = PacketCodec().decode(m_sim.writes(m_device).constLast().value);
        QVERIFY(packet);
        QCOMPARE(packet.value().type, quint8(MessageType::Announce));
        QVERIFY(m_sim.notify(m_device, m_peer.frame(m_peer.announcePacket(now()))));
    }

    void bluetoothOffShowsAndOnResumes()
    {
        const qsizetype logBefore = m_node.logLines().size();
        m_sim.setPowered(Adapter, false);
        QTRY_VERIFY_WITH_TIMEOUT(
            logSince(logBefore).contains(u"meshcast.ble: Bluetooth state: off - Bluetooth off"_s),
            Timeout);
        QVERIFY(!m_sim.isConnected(m_device));
        QCOMPARE(m_sim.connectCount(m_device), 2);

        const qsizetype logOff = m_node.logLines().size();
        const qsizetype writesBefore = m_sim.writes(m_device).size();
        m_sim.setPowered(Adapter, true);
        QTRY_VERIFY_WITH_TIMEOUT(
            logSince(logOff).contains(u"meshcast.ble: Bluetooth state: partial"_s), Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(m_sim.connectCount(m_device), 3, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(m_sim.writes(m_device).size() > writesBefore, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(m_sim.isNotifying(m_device), Timeout);
        QVERIFY(m_sim.notify(m_device, m_peer.frame(m_peer.announcePacket(now()))));
        QVERIFY(m_sim.notify(m_device, m_peer.frame(m_peer.messagePacket(u"back on"_s, now()))));
        QTRY_COMPARE_WITH_TIMEOUT(m_node.messages(u"back on"_s).size(), 1, Timeout);
        QCOMPARE(m_node.messages(u"back on"_s).constFirst().value(u"hops"_s).toInt(), 1);
    }

    void nextRoundCountsThePeerAsKnown()
    {
        QTRY_VERIFY_WITH_TIMEOUT(m_node.logLinesWith(u"meshcast.ble: scan: "_s).size() >= 2,
                                 RoundTimeout);
        QCOMPARE(m_node.logLinesWith(u"meshcast.ble: scan: "_s).at(1),
                 u"meshcast.ble: scan: 1 unique devices, 0 new"_s);
    }

    void quitsAndDisconnects()
    {
        QVERIFY(m_node.quit());
        QCOMPARE(m_node.exitCode(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!m_sim.isConnected(m_device), Timeout);
    }

private:
    QString logSince(qsizetype line) const { return m_node.logLines().mid(line).join(u'\n'); }

    static QString verifyWithTool(const QByteArray &frame, const QString &key)
    {
        QProcess tool;
        tool.start(QStringLiteral(MESHCAST_BINARY),
                   {u"packet"_s, u"verify"_s, QString::fromLatin1(frame.toHex()), u"--key"_s, key});
        if (!tool.waitForFinished(Timeout))
            return {};
        return QString::fromUtf8(tool.readAllStandardOutput()).trimmed();
    }

    BlueZSimulator m_sim;
    NodeProcess m_node;
    MeshTestPeer m_peer{u"simulated-peer"_s};
    QString m_device;
};

QTEST_GUILESS_MAIN(BleNodeSimTest)
#include "BleNodeSimTest.moc"
