// SPDX-License-Identifier: GPL-3.0-or-later
// MeshNode over fake links in virtual time: what the user and the neighbours would see.
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "AnnouncePayload.h"
#include "FakeLink.h"
#include "FakeLinkTransport.h"
#include "LinkManager.h"
#include "MeshNode.h"
#include "MeshTestPeer.h"
#include "MessageStore.h"
#include "NodeHarness.h"
#include "PacketCodec.h"
#include "PacketSigner.h"
#include "PeerTable.h"
#include "VirtualClock.h"

using namespace Qt::StringLiterals;

namespace {
QList<Packet> packetsOfType(const FakeLink *link, MessageType type)
{
    QList<Packet> packets;
    for (const QByteArray &frame : link->sentFrames()) {
        const Packet packet = PacketCodec().decode(frame).value();
        if (packet.messageType() == type)
            packets.append(packet);
    }
    return packets;
}
} // namespace

class MeshNodeTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void messageIsStoredBeforeItIsReportedQueued()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"history.sqlite"_s);
        NodeHarness harness(path);
        harness.node->start();
        bool storedWhenQueued = false;
        connect(harness.node.get(), &MeshNode::messageQueued, this,
                [&](const StoredMessage &message) {
                    MessageStore reader; // another connection: only committed rows are visible
                    reader.open(path);
                    storedWhenQueued =
                        reader.contains(message.packetId) && reader.pendingOutbox().size() == 1;
                });
        QSignalSpy sent(harness.node.get(), &MeshNode::messageSent);
        QVERIFY(harness.node->sendMessage(u"nobody is here yet"_s));
        QVERIFY(storedWhenQueued);
        QCOMPARE(sent.size(), 0); // no link: queued, not sent
    }

    void queuedMessageGoesOutOnFirstLinkAndAfterRestart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"history.sqlite"_s);
        const Identity me = Identity::generate();
        QByteArray frameBefore;
        QByteArray packetId;
        {
            NodeHarness first(path, me);
            first.node->start();
            const auto message = first.node->sendMessage(u"survives a restart"_s);
            QVERIFY(message);
            packetId = message->packetId;
            frameBefore = first.store.pendingOutbox().value(0).signedFrame;
        }
        NodeHarness second(path, me);
        second.node->start();
        QSignalSpy sent(second.node.get(), &MeshNode::messageSent);
        FakeLink *link = second.transport.acceptIncoming(u"neighbour"_s);
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent.first().first().toByteArray(), packetId);
        const QList<Packet> messages = packetsOfType(link, MessageType::Message);
        QCOMPARE(messages.size(), 1);
        QCOMPARE(PacketCodec::encode(messages.first()).value(), frameBefore); // byte-identical
        QVERIFY(PacketSigner::verify(messages.first(), me.signing().publicKey()));
        QVERIFY(second.store.pendingOutbox().isEmpty());
    }

    void announcesOnStartAndWhenTheNicknameChanges()
    {
        QTemporaryDir dir;
        NodeHarness harness(dir.filePath(u"h.sqlite"_s));
        FakeLink *link = harness.transport.acceptIncoming(u"neighbour"_s);
        harness.node->start();
        harness.clock.advance(700);
        QCOMPARE(packetsOfType(link, MessageType::Announce).size(), 1);
        harness.node->setNickname(u"renamed"_s);
        harness.clock.advance(10);
        const QList<Packet> announces = packetsOfType(link, MessageType::Announce);
        QCOMPARE(announces.size(), 2);
        QCOMPARE(AnnouncePayload::decode(announces.last().payload)->nickname, u"renamed"_s);
        QVERIFY(announces.last().timestamp > announces.first().timestamp);
    }

    void peersComeAndGo()
    {
        QTemporaryDir dir;
        NodeHarness harness(dir.filePath(u"h.sqlite"_s));
        harness.node->start();
        MeshTestPeer alice(u"alice"_s);
        MeshTestPeer bob(u"bob"_s);
        FakeLink *aliceLink = harness.transport.acceptIncoming(u"alice"_s);
        FakeLink *bobLink = harness.transport.acceptIncoming(u"bob"_s);
        QSignalSpy left(harness.node.get(), &MeshNode::peerLeft);
        const quint64 now = quint64(harness.clock.epochMs());
        Q_EMIT aliceLink->frameReceived(alice.frame(alice.announcePacket(now)));
        Q_EMIT bobLink->frameReceived(bob.frame(bob.announcePacket(now)));
        QCOMPARE(harness.node->peers().count(), 2);

        aliceLink->drop(u"gone"_s); // a lost link: the neighbour on it leaves at once
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.first().first().value<PeerInfo>().id, alice.id());

        harness.clock.advance(59'000); // bob is silent: present for 60 s after his announce
        QCOMPARE(harness.node->peers().count(), 1);
        harness.clock.advance(2'000);
        QCOMPARE(harness.node->peers().count(), 0);
        QCOMPARE(left.last().at(1).toString(), u"timeout"_s);
    }

    void receivedMessagesAreStoredOnceWithTheirHops()
    {
        QTemporaryDir dir;
        NodeHarness harness(dir.filePath(u"h.sqlite"_s));
        harness.node->start();
        MeshTestPeer alice(u"alice"_s);
        FakeLink *link = harness.transport.acceptIncoming(u"relay"_s);
        QSignalSpy received(harness.node.get(), &MeshNode::messageReceived);
        const quint64 now = quint64(harness.clock.epochMs());
        Q_EMIT link->frameReceived(alice.frame(alice.announcePacket(now, 5)));
        Q_EMIT link->frameReceived(alice.frame(alice.messagePacket(u"three hops away"_s, now, 5)));
        QCOMPARE(received.size(), 1);
        const auto message = received.first().first().value<StoredMessage>();
        QCOMPARE(message.text, u"three hops away"_s);
        QCOMPARE(message.senderNickname, u"alice"_s);
        QCOMPARE(message.hops, 3);
        QVERIFY(message.verified);
        QCOMPARE(harness.store.count(), 1);
    }

    void receivedMessagesAreCommittedTogetherAfterTheirTurn()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"h.sqlite"_s);
        NodeHarness harness(path);
        harness.node->start();
        MessageStore reader; // another connection: only committed rows are visible
        QVERIFY(reader.open(path));
        MeshTestPeer alice(u"alice"_s);
        FakeLink *link = harness.transport.acceptIncoming(u"relay"_s);
        const quint64 now = quint64(harness.clock.epochMs());
        Q_EMIT link->frameReceived(alice.frame(alice.announcePacket(now)));
        for (int i = 0; i < 5; ++i)
            Q_EMIT link->frameReceived(alice.frame(alice.messagePacket(u"m%1"_s.arg(i), now + i)));
        QCOMPARE(reader.count(), 0); // one batch, still open during this turn
        harness.clock.advance(0);
        QCOMPARE(reader.count(), 5);

        // An own message is committed before it is reported queued, batch or not.
        Q_EMIT link->frameReceived(alice.frame(alice.messagePacket(u"late"_s, now + 10)));
        QVERIFY(harness.node->sendMessage(u"mine"_s));
        QCOMPARE(reader.count(), 7);
    }
};

QTEST_GUILESS_MAIN(MeshNodeTest)
#include "MeshNodeTest.moc"
