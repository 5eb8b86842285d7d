// SPDX-License-Identifier: GPL-3.0-or-later
// The router under the attacks of issue 8, in virtual time over fake links: each test plays the
// attack and asserts what the node's user and its honest neighbours would observe.
#include <QSignalSpy>
#include <QTest>

#include "AnnouncePayload.h"
#include "FragmentPayload.h"
#include "Fragmenter.h"
#include "MeshTestPeer.h"
#include "PacketCodec.h"
#include "PacketSigner.h"
#include "PayloadCompressor.h"
#include "RouterHarness.h"

using namespace Qt::StringLiterals;

namespace {
QByteArray signedFrame(Packet packet, const SigningKeyPair &key)
{
    return PacketCodec::encode(PacketSigner::sign(std::move(packet), key).value()).value();
}

/** An announce of @p identity's own peer ID, signed by its own key. */
QByteArray announceOf(const Identity &identity, const QString &nickname, quint64 timestamp)
{
    AnnouncePayload announce;
    announce.nickname = nickname;
    announce.noisePublicKey = identity.noise().publicKey();
    announce.signingPublicKey = identity.signing().publicKey();
    Packet packet;
    packet.type = quint8(MessageType::Announce);
    packet.timestamp = timestamp;
    packet.senderId = identity.peerId();
    packet.payload = announce.encode().value();
    return signedFrame(packet, identity.signing());
}

/** Messages accepted from @p sender, per the router's messageAccepted signal. */
int acceptedFrom(const QSignalSpy &spy, const PeerId &sender)
{
    return int(std::count_if(spy.cbegin(), spy.cend(), [&](const QList<QVariant> &args) {
        return args.at(0).value<Packet>().senderId == sender;
    }));
}

/** A frame of @p depth fragments, each the only fragment (total 1) of the next one inside. */
QByteArray nestedFragmentBomb(const PeerId &sender, int depth)
{
    Packet message;
    message.type = quint8(MessageType::Message);
    message.senderId = sender;
    message.timestamp = 5000;
    message.payload = "boom";
    QByteArray frame = PacketCodec::encode(message).value();
    quint8 innerType = quint8(MessageType::Message);
    for (int level = 0; level < depth; ++level) {
        Packet fragment;
        fragment.version = 2;
        fragment.type = quint8(MessageType::Fragment);
        fragment.senderId = sender;
        fragment.timestamp = 5000 + level;
        fragment.payload =
            FragmentPayload{Fragmenter::randomFragmentId(), 0, 1, innerType, frame}.encode();
        frame = PacketCodec::encode(fragment).value();
        innerType = quint8(MessageType::Fragment);
    }
    return frame;
}

Packet unsignedPacket(MessageType type, const PeerId &sender, quint64 timestamp,
                      const QByteArray &payload)
{
    Packet packet;
    packet.type = quint8(type);
    packet.senderId = sender;
    packet.timestamp = timestamp;
    packet.payload = payload;
    return packet;
}

PeerId randomPeerId(QRandomGenerator &random)
{
    QByteArray bytes(PeerId::Size, Qt::Uninitialized);
    random.fillRange(reinterpret_cast<quint32 *>(bytes.data()), PeerId::Size / 4);
    return *PeerId::fromBytes(bytes);
}
} // namespace

class HostileTrafficTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void nestedFragmentBombIsNeitherUnpackedNorRelayed_data()
    {
        QTest::addColumn<int>("depth");
        QTest::newRow("fragment in a fragment") << 2;
        QTest::newRow("200 deep") << 200;
    }
    void nestedFragmentBombIsNeitherUnpackedNorRelayed()
    {
        QFETCH(int, depth);
        RouterHarness node;
        MeshTestPeer alice(u"alice"_s);
        FakeLink *attacker = node.openLink(u"attacker"_s);
        FakeLink *neighbour = node.openLink(u"neighbour"_s);
        node.deliver(attacker, alice.frame(alice.announcePacket(1000)));
        node.settle();
        const qsizetype sentBefore = neighbour->sentFrames().size();
        QSignalSpy accepted(&node.router, &MeshRouter::messageAccepted);

        node.deliver(attacker, nestedFragmentBomb(alice.id(), depth));
        node.settle();

        QCOMPARE(accepted.size(), 0);
        QCOMPARE(neighbour->sentFrames().size(), sentBefore); // the bomb stops here
        QCOMPARE(node.router.reassemblyBytes(), 0);
    }

    void aFloodOfThrowawayIdentitiesCannotTakeOverAKnownPeer_data()
    {
        QTest::addColumn<double>("newPeersPerSecond");
        QTest::newRow("new-identity budget") << MeshRouter::Config{}.newPeersPerLink.perSecond;
        QTest::newRow("no budget: the tables fill") << 1e9;
    }
    void aFloodOfThrowawayIdentitiesCannotTakeOverAKnownPeer()
    {
        QFETCH(double, newPeersPerSecond);
        MeshRouter::Config config;
        config.newPeersPerLink = {newPeersPerSecond, std::max(128.0, newPeersPerSecond)};
        RouterHarness node(config);
        MeshTestPeer alice(u"alice"_s);
        FakeLink *fromAlice = node.openLink(u"alice"_s);
        FakeLink *attacker = node.openLink(u"attacker"_s);
        FakeLink *neighbour = node.openLink(u"neighbour"_s);
        node.deliver(fromAlice, alice.frame(alice.announcePacket(1000)));

        const SigningKeyPair attackerKey = SigningKeyPair::generate();
        for (int i = 0; i < 4200; ++i) {
            const Identity throwaway(attackerKey, NoiseKeyPair::generate());
            node.deliver(attacker, announceOf(throwaway, u"x%1"_s.arg(i), 2000 + i));
            node.clock.advance(1); // as fast as the link's ingress budget lets frames in
        }
        node.clock.advance(10000);
        QVERIFY(node.peers.find(alice.id())); // still shown
        QVERIFY(node.peers.count() <= PeerTable::MaxPeers);
        // alice's own peer ID and public Noise key, with the attacker's signing key, "relayed".
        AnnouncePayload takeover;
        takeover.nickname = u"alice"_s;
        takeover.noisePublicKey = alice.identity().noise().publicKey();
        takeover.signingPublicKey = attackerKey.publicKey();
        Packet rebinding =
            unsignedPacket(MessageType::Announce, alice.id(), 9000, takeover.encode().value());
        rebinding.ttl = 6;
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"different signing key"_s));
        node.deliver(attacker, signedFrame(rebinding, attackerKey));
        node.deliver(attacker, signedFrame(rebinding, attackerKey)); // warned about once only
        node.settle();

        QCOMPARE(node.peers.boundSigningKey(alice.id()), alice.identity().signing().publicKey());
        for (const Packet &relayed : receivedBy(neighbour))
            QVERIFY(relayed.timestamp != rebinding.timestamp); // the rebinding went no further

        QSignalSpy accepted(&node.router, &MeshRouter::messageAccepted);
        node.deliver(attacker, signedFrame(alice.messagePacket(u"forged"_s, 9001), attackerKey));
        for (int i = 0; i < 10; ++i)
            node.deliver(fromAlice,
                         alice.frame(alice.messagePacket(u"real %1"_s.arg(i), 9100 + i)));
        QCOMPARE(accepted.size(), 10);
        for (const QList<QVariant> &args : std::as_const(accepted))
            QVERIFY(args.at(0).value<Packet>().payload.startsWith("real"));
    }

    void aStrippedCopyCannotSilenceTheGenuineMessage()
    {
        RouterHarness node;
        MeshTestPeer alice(u"alice"_s);
        FakeLink *fromAlice = node.openLink(u"alice"_s);
        FakeLink *attacker = node.openLink(u"attacker"_s);
        node.deliver(fromAlice, alice.frame(alice.announcePacket(1000)));
        QSignalSpy accepted(&node.router, &MeshRouter::messageAccepted);

        for (int i = 0; i < 20; ++i) {
            const QByteArray genuine = alice.frame(alice.messagePacket(u"m%1"_s.arg(i), 2000 + i));
            Packet stripped = PacketCodec().decode(genuine).value();
            stripped.signature = QByteArray(Packet::SignatureSize, '\0');
            node.deliver(attacker, PacketCodec::encode(stripped).value()); // heard first
            stripped.signature.reset();
            node.deliver(attacker, PacketCodec::encode(stripped).value());
            node.deliver(fromAlice, genuine);
        }
        QCOMPARE(accepted.size(), 20);
        QCOMPARE(node.router.counters().forged, 40u);
    }

    void payloadsThatInflateFarPastTheirTypeAreRefused()
    {
        RouterHarness node;
        MeshTestPeer alice(u"alice"_s);
        FakeLink *fromAlice = node.openLink(u"alice"_s);
        FakeLink *neighbour = node.openLink(u"neighbour"_s);
        node.deliver(fromAlice, alice.frame(alice.announcePacket(1000)));
        node.settle();
        const qsizetype sentBefore = neighbour->sentFrames().size();
        QSignalSpy accepted(&node.router, &MeshRouter::messageAccepted);

        // 2 MiB of text in a 2 KB frame, validly signed by a known peer.
        Packet bomb = alice.messagePacket(QString(), 2000);
        bomb.version = 2;
        bomb.payload = QByteArray(2 * 1024 * 1024 - 1024, 'a');
        bomb.compressedPayload =
            PayloadCompressor::compress(bomb.payload, 2, PayloadCompressor::Policy::Always);
        const QByteArray bombFrame = alice.frame(bomb);
        QVERIFY(bombFrame.size() < 4096);
        node.deliver(fromAlice, bombFrame);
        // Over the composer's cap without compression, too.
        node.deliver(fromAlice, alice.frame(alice.messagePacket(QString(5000, u'b'), 2001)));
        // An announce padded with empty TLVs up to 2 MiB.
        AnnouncePayload padded;
        padded.nickname = u"alice-padded"_s;
        padded.noisePublicKey = alice.identity().noise().publicKey();
        padded.signingPublicKey = alice.identity().signing().publicKey();
        Packet fat =
            unsignedPacket(MessageType::Announce, alice.id(), 2002,
                           padded.encode().value() + QByteArray(2 * 1024 * 1024 - 2048, '\0'));
        fat.version = 2;
        fat.compressedPayload =
            PayloadCompressor::compress(fat.payload, 2, PayloadCompressor::Policy::Always);
        node.deliver(fromAlice, alice.frame(fat));
        node.settle();

        QCOMPARE(accepted.size(), 0);
        QCOMPARE(node.peers.find(alice.id())->nickname, u"alice"_s);
        QCOMPARE(neighbour->sentFrames().size(), sentBefore);

        // The largest message a Meshcast user can compose still goes through.
        node.deliver(fromAlice, alice.frame(alice.messagePacket(QString(4096, u'c'), 2003)));
        QCOMPARE(accepted.size(), 1);
    }

    void oneIdentitysFloodIsCappedWhileOthersGetThrough()
    {
        RouterHarness node;
        MeshTestPeer alice(u"alice"_s);
        MeshTestPeer mallory(u"mallory"_s);
        FakeLink *fromAlice = node.openLink(u"alice"_s);
        FakeLink *fromMallory = node.openLink(u"mallory"_s);
        node.deliver(fromAlice, alice.frame(alice.announcePacket(1000)));
        node.deliver(fromMallory, mallory.frame(mallory.announcePacket(1000)));
        QSignalSpy accepted(&node.router, &MeshRouter::messageAccepted);

        // Ten virtual seconds: mallory sends 500 valid messages a second, alice two.
        quint64 timestamp = 2000;
        for (int second = 0; second < 10; ++second) {
            for (int i = 0; i < 500; ++i) {
                node.deliver(fromMallory,
                             mallory.frame(mallory.messagePacket(u"spam"_s, ++timestamp)));
                if (i % 250 == 0)
                    node.deliver(fromAlice,
                                 alice.frame(alice.messagePacket(u"hello"_s, ++timestamp)));
            }
            node.clock.advance(1000);
        }
        QCOMPARE(acceptedFrom(accepted, alice.id()), 20);
        const int fromTheFlood = acceptedFrom(accepted, mallory.id());
        QVERIFY2(fromTheFlood <= 120 + 10 * 20, qPrintable(QString::number(fromTheFlood)));
        QVERIFY(fromTheFlood >= 120); // the sender is limited, not silenced
    }

    void rotatingSenderIdsBuyNoRelays_data()
    {
        QTest::addColumn<bool>("fragments");
        QTest::newRow("unknown type") << false;
        QTest::newRow("fragments") << true;
    }
    void rotatingSenderIdsBuyNoRelays()
    {
        QFETCH(bool, fragments);
        RouterHarness node;
        FakeLink *attacker = node.openLink(u"attacker"_s);
        FakeLink *honest = node.openLink(u"honest"_s);
        FakeLink *neighbour = node.openLink(u"neighbour"_s);
        QRandomGenerator random(7);
        const auto packetFrom = [&](const PeerId &sender, int i) {
            if (!fragments)
                return PacketCodec::encode(
                           unsignedPacket(MessageType(0x7E), sender, 3000 + i, "opaque"))
                    .value();
            const FragmentPayload piece{Fragmenter::randomFragmentId(), 0, 2,
                                        quint8(MessageType::Message), QByteArray(100, 'f')};
            return PacketCodec::encode(
                       unsignedPacket(MessageType::Fragment, sender, 3000 + i, piece.encode()))
                .value();
        };
        for (int i = 0; i < 2000; ++i)
            node.deliver(attacker, packetFrom(randomPeerId(random), i));
        const PeerId honestSender = randomPeerId(random);
        for (int i = 0; i < 20; ++i)
            node.deliver(honest, packetFrom(honestSender, 5000 + i));
        node.settle();

        const qsizetype relayed = neighbour->sentFrames().size();
        QVERIFY2(relayed <= 400 + 20, qPrintable(QString::number(relayed)));
        const QList<Packet> got = receivedBy(neighbour);
        QCOMPARE(std::count_if(got.cbegin(), got.cend(),
                               [&](const Packet &p) { return p.senderId == honestSender; }),
                 20); // the honest link's budget is its own
    }
};

QTEST_GUILESS_MAIN(HostileTrafficTest)
#include "HostileTrafficTest.moc"
