// SPDX-License-Identifier: GPL-3.0-or-later
// The flood router against fake links in virtual time: what each neighbour would receive.
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

#include "FakeLink.h"
#include "FakeLinkTransport.h"
#include "FragmentPayload.h"
#include "Fragmenter.h"
#include "LinkManager.h"
#include "MeshRouter.h"
#include "MeshTestPeer.h"
#include "PacketCodec.h"
#include "PacketId.h"
#include "PacketSigner.h"
#include "PeerTable.h"
#include "VirtualClock.h"

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 PastJitterMs = 300;

/** One node under test: its router, peer table and link manager over fake links. */
struct Harness
{
    VirtualClock clock;
    QRandomGenerator random{42};
    Identity self = Identity::generate();
    FakeLinkTransport transport{clock};
    // The fake neighbours here announce only when a test says so; the links' own announce
    // deadline (LinkManagerTest covers it) must not cut them off while time is advanced.
    LinkManager links{self.peerId(), clock, &random, LinkManager::Config{16, 0}};
    PeerTable peers;
    MeshRouter router{self.peerId(), links, peers, clock, &random};

    Harness() { links.addTransport(&transport); }

    FakeLink *openLink(const QString &name) { return transport.acceptIncoming(name); }
    void deliver(FakeLink *link, const QByteArray &frame) { Q_EMIT link->frameReceived(frame); }
    void settle() { clock.advance(PastJitterMs); }
};

QList<Packet> received(const FakeLink *link)
{
    QList<Packet> packets;
    for (const QByteArray &frame : link->sentFrames())
        packets.append(PacketCodec().decode(frame).value());
    return packets;
}

int countOfType(const FakeLink *link, MessageType type)
{
    const QList<Packet> packets = received(link);
    return int(std::count_if(packets.begin(), packets.end(),
                             [type](const Packet &p) { return p.messageType() == type; }));
}
} // namespace

class MeshRouterTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void acceptsAnnounceThenMessageAndRelaysBoth()
    {
        Harness node;
        MeshTestPeer alice(u"alice"_s);
        FakeLink *fromAlice = node.openLink(u"alice"_s);
        FakeLink *b = node.openLink(u"b"_s);
        FakeLink *c = node.openLink(u"c"_s);
        QSignalSpy accepted(&node.router, &MeshRouter::messageAccepted);

        node.deliver(fromAlice, alice.frame(alice.announcePacket(1000)));
        QVERIFY(node.peers.find(alice.id()));
        QCOMPARE(node.peers.find(alice.id())->hops, 1);
        QCOMPARE(fromAlice->remotePeer(), alice.id()); // a direct announce names the link
        node.deliver(fromAlice, alice.frame(alice.messagePacket(u"hi"_s, 1001)));
        QCOMPARE(accepted.size(), 1);
        QCOMPARE(accepted.first().at(1).toInt(), 1);

        QCOMPARE(b->sentFrames().size(), 0); // relays wait for their jitter
        node.settle();
        for (FakeLink *neighbour : {b, c}) {
            // Each relay has its own jitter: the order on the link is not fixed.
            for (const Packet &got : received(neighbour)) {
                QCOMPARE(int(got.ttl), 6);
                QVERIFY(PacketSigner::verify(got, alice.identity().signing().publicKey()));
            }
            QCOMPARE(countOfType(neighbour, MessageType::Announce), 1);
            QCOMPARE(countOfType(neighbour, MessageType::Message), 1);
        }
        QCOMPARE(fromAlice->sentFrames().size(), 0); // split horizon
    }

    void dropsCopiesArrivingOverOtherLinks()
    {
        Harness node;
        MeshTestPeer alice(u"alice"_s);
        FakeLink *l1 = node.openLink(u"l1"_s);
        FakeLink *l2 = node.openLink(u"l2"_s);
        node.deliver(l1, alice.frame(alice.announcePacket(1000)));
        QSignalSpy accepted(&node.router, &MeshRouter::messageAccepted);
        const QByteArray message = alice.frame(alice.messagePacket(u"once"_s, 1001));
        node.deliver(l1, message);
        node.deliver(l2, message);
        node.settle();
        node.deliver(l2, message);
        QCOMPARE(accepted.size(), 1);
        QCOMPARE(node.router.counters().duplicates, quint64(2));
    }

    void cancelsThePendingRelayToALinkThatDeliveredTheSamePacket()
    {
        Harness node;
        MeshTestPeer alice(u"alice"_s);
        FakeLink *l1 = node.openLink(u"l1"_s);
        FakeLink *l2 = node.openLink(u"l2"_s);
        FakeLink *l3 = node.openLink(u"l3"_s);
        node.deliver(l1, alice.frame(alice.announcePacket(1000)));
        node.settle();
        const QByteArray message = alice.frame(alice.messagePacket(u"x"_s, 1001));
        node.deliver(l1, message);
        node.deliver(l2, message); // l2's side already has it
        node.settle();
        QCOMPARE(countOfType(l2, MessageType::Message), 0);
        QCOMPARE(countOfType(l3, MessageType::Message), 1);

        const QByteArray second = alice.frame(alice.messagePacket(u"y"_s, 1002));
        node.deliver(l1, second);
        node.deliver(l2, second);
        node.deliver(l3, second); // every target has it: nothing left to send
        node.settle();
        QCOMPARE(countOfType(l3, MessageType::Message), 1);
        QCOMPARE(node.router.counters().relaysCancelled, quint64(1));
    }

    void ttlOneIsShownButNotRelayed()
    {
        Harness node;
        MeshTestPeer alice(u"alice"_s);
        FakeLink *l1 = node.openLink(u"l1"_s);
        FakeLink *l2 = node.openLink(u"l2"_s);
        node.deliver(l1, alice.frame(alice.announcePacket(1000)));
        QSignalSpy accepted(&node.router, &MeshRouter::messageAccepted);
        node.deliver(l1, alice.frame(alice.messagePacket(u"last hop"_s, 1001, 1)));
        node.deliver(l1, alice.frame(alice.messagePacket(u"two hops left"_s, 1002, 2)));
        node.settle();
        QCOMPARE(accepted.size(), 2);
        QList<Packet> messages = received(l2);
        messages.removeIf([](const Packet &p) { return p.messageType() != MessageType::Message; });
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages.first().payload, "two hops left"_ba);
        QCOMPARE(int(messages.first().ttl), 1);
    }

    void clampsTtlOnDenseNodesAndSubsetsBroadcasts()
    {
        Harness node;
        MeshTestPeer alice(u"alice"_s);
        FakeLink *from = node.openLink(u"from"_s);
        QList<FakeLink *> others;
        for (int i = 0; i < 5; ++i)
            others.append(node.openLink(u"n%1"_s.arg(i)));
        node.deliver(from, alice.frame(alice.announcePacket(1000)));
        node.deliver(from, alice.frame(alice.messagePacket(u"dense"_s, 1001)));
        node.settle();
        int announces = 0;
        int messages = 0;
        for (FakeLink *link : std::as_const(others)) {
            for (const Packet &packet : received(link)) {
                if (packet.messageType() == MessageType::Announce) {
                    ++announces;
                    QCOMPARE(int(packet.ttl), 5); // degree 6: clamp 5
                } else {
                    ++messages;
                    QCOMPARE(int(packet.ttl), 5);
                }
            }
        }
        QCOMPARE(announces, 5); // announces go to every allowed link
        QCOMPARE(messages, 4);  // k = bitlength(5 - 1) + 1 of 5 candidates
    }

    void refusesForgedPackets()
    {
        Harness node;
        MeshTestPeer alice(u"alice"_s);
        MeshTestPeer mallory(u"mallory"_s);
        FakeLink *l1 = node.openLink(u"l1"_s);
        FakeLink *l2 = node.openLink(u"l2"_s);
        node.deliver(l1, alice.frame(alice.announcePacket(1000)));
        QSignalSpy accepted(&node.router, &MeshRouter::messageAccepted);

        node.deliver(l1, alice.forgedFrame(alice.messagePacket(u"send coins"_s, 1001), mallory));
        Packet unsignedMessage = alice.messagePacket(u"no signature"_s, 1002);
        node.deliver(l1, PacketCodec::encode(unsignedMessage).value());
        // An announce taking alice's peer ID with mallory's signing key.
        Packet hijack = mallory.announcePacket(2000);
        hijack.senderId = alice.id();
        node.deliver(l1, mallory.frame(hijack));
        node.settle();

        QCOMPARE(accepted.size(), 0);
        QCOMPARE(node.router.counters().forged, quint64(3));
        QCOMPARE(node.peers.find(alice.id())->nickname, u"alice"_s);
        QCOMPARE(received(l2).size(), 1); // only alice's genuine announce went on
    }

    void keepsTheFirstSigningKeyBoundToAPeerId()
    {
        Harness node;
        MeshTestPeer alice(u"alice"_s);
        FakeLink *l1 = node.openLink(u"l1"_s);
        node.deliver(l1, alice.frame(alice.announcePacket(1000)));
        // Same (public) Noise key, another signing key: self-consistent, but not alice.
        MeshTestPeer mallory(u"mallory"_s);
        Packet claim = alice.announcePacket(2000);
        claim.payload.replace(alice.identity().signing().publicKey(),
                              mallory.identity().signing().publicKey());
        node.deliver(l1, mallory.frame(claim));
        QCOMPARE(node.router.counters().keyConflicts, quint64(1));
        QCOMPARE(node.peers.boundSigningKey(alice.id()), alice.identity().signing().publicKey());
    }

    void ignoresReplayedAnnouncesLeavesAndMessages()
    {
        Harness node;
        MeshTestPeer alice(u"alice"_s);
        FakeLink *l1 = node.openLink(u"l1"_s);
        FakeLink *l2 = node.openLink(u"l2"_s);
        QSet<QByteArray> history;
        node.router.setHistoryLookup([&](const QByteArray &id) { return history.contains(id); });
        connect(&node.router, &MeshRouter::messageAccepted, this,
                [&](const Packet &packet) { history.insert(PacketId::of(packet)); });
        QSignalSpy accepted(&node.router, &MeshRouter::messageAccepted);

        const QByteArray oldAnnounce = alice.frame(alice.announcePacket(1000));
        const QByteArray oldMessage = alice.frame(alice.messagePacket(u"old"_s, 1001));
        node.deliver(l1, oldAnnounce);
        node.deliver(l1, oldMessage);
        node.deliver(l1, alice.frame(alice.announcePacket(5000)));
        node.settle();
        const qsizetype relayedBefore = l2->sentFrames().size();

        node.clock.advance(6 * 60 * 1000); // past the seen-packet window
        node.deliver(l1, alice.frame(alice.announcePacket(6000)));
        node.deliver(l1, oldAnnounce);
        node.deliver(l1, oldMessage);
        node.deliver(l1, alice.frame(alice.leavePacket(4000)));
        node.settle();

        QCOMPARE(accepted.size(), 1);
        QCOMPARE(node.router.counters().replayed, quint64(3));
        QVERIFY(node.peers.find(alice.id())); // the stale leave did not remove her
        QCOMPARE(node.peers.find(alice.id())->announceTimestamp, quint64(6000));
        QCOMPARE(l2->sentFrames().size(), relayedBefore + 1); // only the fresh announce

        node.deliver(l1, alice.frame(alice.leavePacket(7000)));
        QVERIFY(!node.peers.find(alice.id()));
    }

    void holdsMessagesFromUnknownSendersUntilTheirAnnounceOrTimeout()
    {
        Harness node;
        MeshTestPeer carol(u"carol"_s);
        MeshTestPeer dave(u"dave"_s);
        FakeLink *l1 = node.openLink(u"l1"_s);
        QSignalSpy accepted(&node.router, &MeshRouter::messageAccepted);

        node.deliver(l1, carol.frame(carol.messagePacket(u"early"_s, 1001)));
        node.deliver(l1, dave.frame(dave.messagePacket(u"never verified"_s, 1001)));
        QCOMPARE(accepted.size(), 0);
        node.clock.advance(1000);
        node.deliver(l1, carol.frame(carol.announcePacket(1000)));
        QCOMPARE(accepted.size(), 1);
        QCOMPARE(accepted.first().first().value<Packet>().payload, "early"_ba);

        node.clock.advance(6000);
        QCOMPARE(node.router.counters().unknownSenderDropped, quint64(1));
        node.deliver(l1, dave.frame(dave.announcePacket(1000)));
        QCOMPARE(accepted.size(), 1);
    }

    void rateLimitsWhatOneSenderCanMakeUsRelay()
    {
        Harness node;
        MeshTestPeer noisy(u"noisy"_s);
        FakeLink *l1 = node.openLink(u"l1"_s);
        FakeLink *l2 = node.openLink(u"l2"_s);
        node.deliver(l1, noisy.frame(noisy.announcePacket(1000)));
        QSignalSpy accepted(&node.router, &MeshRouter::messageAccepted);
        for (int i = 0; i < 100; ++i)
            node.deliver(l1, noisy.frame(noisy.messagePacket(u"spam %1"_s.arg(i), 2000 + i)));
        node.settle();
        QCOMPARE(accepted.size(), 100); // shown locally
        // The announce took one token of the 40-packet burst.
        QCOMPARE(countOfType(l2, MessageType::Message), 39);
        QCOMPARE(node.router.counters().rateLimited, quint64(61));
        node.clock.advance(1000); // refills 10 tokens
        node.deliver(l1, noisy.frame(noisy.messagePacket(u"later"_s, 3000)));
        node.settle();
        QCOMPARE(countOfType(l2, MessageType::Message), 40);
    }

    void reassemblesFragmentsAndRelaysThemAsTheyAre()
    {
        Harness node;
        MeshTestPeer alice(u"alice"_s);
        FakeLink *l1 = node.openLink(u"l1"_s);
        FakeLink *l2 = node.openLink(u"l2"_s);
        node.deliver(l1, alice.frame(alice.announcePacket(1000)));
        QSignalSpy accepted(&node.router, &MeshRouter::messageAccepted);

        QByteArray text;
        for (int i = 0; i < 400; ++i)
            text.append(char('a' + (i * 7919) % 26)); // incompressible enough to need 2 pieces
        const QByteArray whole = alice.frame(alice.messagePacket(QString::fromLatin1(text), 1001));
        const Packet original = PacketCodec().decode(whole).value();
        const auto fragments =
            Fragmenter::split(original, whole, 200, Fragmenter::randomFragmentId()).value();
        QVERIFY(fragments.size() >= 2);
        for (auto it = fragments.crbegin(); it != fragments.crend(); ++it)
            node.deliver(l1, PacketCodec::encode(*it).value()); // out of order on purpose
        node.settle();
        QCOMPARE(accepted.size(), 1);
        QCOMPARE(accepted.first().first().value<Packet>().payload, text);
        QCOMPARE(countOfType(l2, MessageType::Fragment), int(fragments.size()));
        QCOMPARE(countOfType(l2, MessageType::Message), 0);
    }

    void aNewNeighbourLearnsThePresentPeersAtOnce()
    {
        Harness node;
        MeshTestPeer alice(u"alice"_s);
        FakeLink *l1 = node.openLink(u"l1"_s);
        node.deliver(l1, alice.frame(alice.announcePacket(1000)));
        node.settle();
        FakeLink *late = node.openLink(u"late"_s);
        const QList<Packet> got = received(late);
        QCOMPARE(got.size(), 1);
        QCOMPARE(got.first().senderId, alice.id());
        QCOMPARE(int(got.first().ttl), 6);
        QVERIFY(PacketSigner::verify(got.first(), alice.identity().signing().publicKey()));
    }

    void leavesAlwaysGetBroadcastsSubsettingWouldSkip()
    {
        Harness node;
        QList<MeshTestPeer> leaves;
        QList<FakeLink *> links;
        for (int i = 0; i < 5; ++i) {
            leaves.append(MeshTestPeer(u"leaf%1"_s.arg(i)));
            links.append(node.openLink(u"leaf%1"_s.arg(i)));
        }
        for (int i = 0; i < 5; ++i) // each names no neighbour but the hub (none at first)
            node.deliver(links[i], leaves[i].frame(leaves[i].announcePacket(1000)));
        node.settle();
        node.deliver(links[0], leaves[0].frame(leaves[0].messagePacket(u"to all"_s, 1001)));
        node.settle();
        for (int i = 1; i < 5; ++i)
            QCOMPARE(countOfType(links[i], MessageType::Message), 1);
    }

    void unknownTypesAreRelayedButNeverShown()
    {
        Harness node;
        MeshTestPeer alice(u"alice"_s);
        FakeLink *l1 = node.openLink(u"l1"_s);
        FakeLink *l2 = node.openLink(u"l2"_s);
        QSignalSpy accepted(&node.router, &MeshRouter::messageAccepted);
        Packet future = alice.messagePacket(u"from a later revision"_s, 1000);
        future.type = 0x7e;
        node.deliver(l1, alice.frame(future));
        Packet sync = alice.messagePacket({}, 1001);
        sync.type = quint8(MessageType::RequestSync);
        node.deliver(l1, alice.frame(sync));
        node.settle();
        QCOMPARE(accepted.size(), 0);
        const QList<Packet> got = received(l2);
        QCOMPARE(got.size(), 1);
        QCOMPARE(int(got.first().type), 0x7e);
    }
};

QTEST_GUILESS_MAIN(MeshRouterTest)
#include "MeshRouterTest.moc"
