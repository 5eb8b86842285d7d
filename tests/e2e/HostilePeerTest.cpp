// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 8, "Survive anyone in range": one test per attack of the issue's list 1–8, each played by
// a HostilePeer against real `meshcast --headless` processes on 127.0.0.1 (honest A — victim B —
// honest C) and judged by what the honest nodes show: nothing forged, honest messages A → C
// still shown, no node past the memory budget, every node alive and answering.
#include <limits>

#include <QElapsedTimer>
#include <QJsonObject>
#include <QTest>
#include <QTimer>

#include "FragmentBomb.h"
#include "FrameFlood.h"
#include "HonestTraffic.h"
#include "HostilePeer.h"
#include "HostileScenario.h"
#include "InflationBomb.h"
#include "PacketCodec.h"
#include "PacketForge.h"
#include "StalledConnection.h"

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 DeliveryBoundMs = HostileScenario::DeliveryBoundMs;
constexpr int HonestIntervalMs = 250;
// A WebSocket link carries frames up to 64 KiB (WebSocketLink::DefaultMaxFrameSize).
constexpr qsizetype MaxFrameBytes = 60 * 1024;
constexpr qint64 MiB = ProcessProbe::MiB;
constexpr qint64 RssBudget = HostileScenario::RssBudgetBytes;

/** @p problem unless @p ok; empty otherwise. */
QString unless(bool ok, const QString &problem)
{
    return ok ? QString() : problem;
}

/** Every problem found, "; "-separated: one failure names every broken promise at once. */
QString verdict(const QStringList &problems)
{
    QStringList found = problems;
    found.removeAll(QString());
    return found.join(u"; "_s);
}

/** Stops @p flood as soon as @p node's resident memory passes twice the budget. */
void guardMemory(FrameFlood &flood, const HeadlessNode &node, QTimer &timer)
{
    QObject::connect(&timer, &QTimer::timeout, &flood, [&flood, &node] {
        if (ProcessProbe::rssBytes(node.processId()) > 2 * RssBudget)
            flood.stop(); // the test has failed; spare the machine
    });
    timer.start(100);
}
} // namespace

class HostilePeerTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // 1. One frame, fragments nested inside fragments, inflating to 2 MiB: no level may decode
    // the next (a reassembled packet is never itself a fragment).
    void nestedFragmentBombIsRefused()
    {
        HostileScenario scenario;
        QVERIFY(scenario.startChain());
        HostilePeer mallory;
        QVERIFY(scenario.join(mallory, u"mallory"_s));

        int depth = 0;
        const QByteArray bomb =
            FragmentBomb::build(mallory.peerId(), MaxFrameBytes, 2 * MiB - 1024, &depth);
        const auto outer = PacketCodec().decode(bomb);
        QVERIFY(outer && outer->messageType() == MessageType::Fragment);
        qInfo("bomb: %lld-byte frame, %d levels, outer payload %lld bytes", qlonglong(bomb.size()),
              depth, qlonglong(outer->payload.size()));
        mallory.sendFrame(bomb);

        HonestTraffic traffic(scenario.a(), scenario.c(), u"after the bomb"_s);
        traffic.start(10, HonestIntervalMs);
        traffic.waitForDeliveries(DeliveryBoundMs);
        qInfo("peak RSS: %s", qPrintable(scenario.peakRssSummary()));
        const QString found =
            verdict({scenario.healthProblems(), HostileScenario::trafficProblems(traffic)});
        QVERIFY2(found.isEmpty(), qPrintable(found));
    }

    // 2. A flood of announces from throw-away IDs, then A's peer ID and Noise key announced with
    // the attacker's signing key: A's binding must hold, nothing forged shown, A still heard.
    void announceFloodCannotTakeOverAnIdentity()
    {
        HeadlessNode::Options options = HostileScenario::nodeOptions();
        // A's own announces (every 20–40 s here) must not refresh it in the middle of the flood,
        // or today's node keeps it by chance. Links still announce at once when they come up.
        options.announceIntervalMs = 20000;
        options.peerTimeoutMs = 90000;
        HostileScenario scenario(options);
        QVERIFY(scenario.startChain());
        const PeerId aId = *PeerId::fromHex(scenario.a().peerId());
        HostilePeer mallory;
        QVERIFY(scenario.join(mallory, u"mallory"_s));
        QTRY_VERIFY_WITH_TIMEOUT(mallory.announceOf(aId).has_value(), 15000);
        const QByteArray aNoiseKey = mallory.announceOf(aId)->noisePublicKey;

        // Issue 8: ~4,200 announces in under a second, random Noise keys, one signing key.
        constexpr int Sybils = 4200;
        QList<QByteArray> flood;
        for (int i = 0; i < Sybils; ++i) {
            const QByteArray noiseKey = PacketForge::randomBytes(32);
            flood.append(PacketCodec::encodeForWire(
                             PacketForge::announce(PeerId::fromNoisePublicKey(noiseKey), noiseKey,
                                                   mallory.identity().signing(),
                                                   u"sybil%1"_s.arg(i), PacketForge::nowMs(), 6))
                             .value());
        }
        for (const QByteArray &frame : std::as_const(flood))
            mallory.sendFrame(frame);
        const SigningKeyPair &malloryKey = mallory.identity().signing();
        mallory.send(
            PacketForge::announce(aId, aNoiseKey, malloryKey, u"A"_s, PacketForge::nowMs(), 6));
        for (int i = 0; i < 5; ++i)
            mallory.send(PacketForge::message(aId, malloryKey,
                                              "forged as A #" + QByteArray::number(i),
                                              PacketForge::nowMs() + quint64(i), 6));
        QVERIFY(mallory.flush());
        HostileScenario::drained(mallory, scenario.b(), u"mallory-done"_s);
        HostileScenario::drained(mallory, scenario.c(), u"mallory-done"_s);

        HonestTraffic traffic(scenario.a(), scenario.c(), u"genuine A"_s);
        traffic.start(20, HonestIntervalMs);
        traffic.waitForDeliveries(DeliveryBoundMs);
        const int atB = HostileScenario::countMessages(scenario.b(), u"genuine A"_s);
        const int forgedAtB = HostileScenario::countMessages(scenario.b(), u"forged as A"_s);
        const int forgedAtC = HostileScenario::countMessages(scenario.c(), u"forged as A"_s);
        qInfo("forged messages shown as A's: B %d/5, C %d/5; A's own shown: B %d/20; %s", forgedAtB,
              forgedAtC, atB, qPrintable(traffic.summary(DeliveryBoundMs)));
        const QString found =
            verdict({unless(forgedAtB == 0, u"B showed %1 forged messages as A's"_s.arg(forgedAtB)),
                     unless(forgedAtC == 0, u"C showed %1 forged messages as A's"_s.arg(forgedAtC)),
                     unless(atB >= 19, u"B showed %1 of A's 20 messages"_s.arg(atB)),
                     HostileScenario::trafficProblems(traffic), scenario.healthProblems()});
        QVERIFY2(found.isEmpty(), qPrintable(found));
    }

    // 3. An attacker hearing A directly sends C a copy of each message with the signature
    // spoiled, ahead of B's relay: the genuine copy must still be shown — once, however often
    // the attacker replays it afterwards.
    void spoiledCopyCannotSilenceAMessage_data()
    {
        QTest::addColumn<PacketForge::SignatureDamage>("damage");
        QTest::newRow("signature zeroed") << PacketForge::SignatureDamage::Zeroed;
        QTest::newRow("signature removed") << PacketForge::SignatureDamage::Removed;
    }
    void spoiledCopyCannotSilenceAMessage()
    {
        QFETCH(PacketForge::SignatureDamage, damage);
        HostileScenario scenario;
        QVERIFY(scenario.startChain());
        // "Hears A's message directly": a link to A, whose own messages go out at once, while
        // B holds its relay 10–50 ms (MeshRouter thin-chain jitter); and a link to C to inject.
        HostilePeer ear;
        HostilePeer mouth;
        QVERIFY(ear.connectTo(scenario.a().listenUrl()));
        QVERIFY(mouth.connectTo(scenario.c().listenUrl()));
        const PeerId aId = *PeerId::fromHex(scenario.a().peerId());
        bool injecting = false;
        QList<Packet> heard;
        connect(&ear, &HostilePeer::packetReceived, this, [&](const Packet &packet) {
            if (injecting && packet.senderId == aId &&
                packet.messageType() == MessageType::Message) {
                mouth.send(PacketForge::damaged(packet, damage));
                heard.append(packet);
            }
        });

        HonestTraffic control(scenario.a(), scenario.c(), u"control"_s);
        control.start(5, HonestIntervalMs);
        QVERIFY2(control.waitForDeliveries(DeliveryBoundMs),
                 qPrintable(control.summary(DeliveryBoundMs)));

        injecting = true;
        HonestTraffic traffic(scenario.a(), scenario.c(), u"censored?"_s);
        traffic.start(20, HonestIntervalMs);
        traffic.waitForDeliveries(DeliveryBoundMs);
        injecting = false;
        for (const Packet &genuine : std::as_const(heard))
            mouth.send(genuine); // replayed, intact
        HostileScenario::drained(mouth, scenario.c(), u"mouth"_s);
        const int shown = HostileScenario::countMessages(scenario.c(), u"censored?"_s);
        const int distinct = traffic.deliveredWithin(std::numeric_limits<qint64>::max());
        qInfo("%lld spoiled copies sent to C, then replayed intact; %s; C showed %d in all",
              qlonglong(heard.size()), qPrintable(traffic.summary(DeliveryBoundMs)), shown);
        QVERIFY(heard.size() >= 19);
        const QString found = verdict(
            {HostileScenario::trafficProblems(traffic),
             unless(shown == distinct, u"C showed %1 replayed copies"_s.arg(shown - distinct)),
             scenario.healthProblems()});
        QVERIFY2(found.isEmpty(), qPrintable(found));
    }

    // 4. Seven idle connections that never announce, beside one honest link, fill B's 8 slots:
    // a newcomer must still get in, and the honest link must stay.
    void idleConnectionsCannotKeepNewcomersOut()
    {
        HostileScenario scenario;
        QVERIFY(scenario.startPair());
        std::vector<std::unique_ptr<HostilePeer>> idle;
        for (int i = 0; i < 7; ++i) {
            idle.push_back(std::make_unique<HostilePeer>());
            QVERIFY(idle.back()->connectTo(scenario.b().listenUrl()));
        }
        HeadlessNode *newcomer = scenario.addDialingVictim(u"C"_s);
        QVERIFY(newcomer);
        const QString aId = scenario.a().peerId();
        const QString cId = newcomer->peerId();
        // "Within a few seconds" (issue 8) plus the newcomer's redial backoff (1, 2, 4 … s).
        const bool joined = QTest::qWaitFor(
            [&] { return scenario.b().isPresent(cId) && newcomer->isPresent(aId); }, 25000);
        const auto closed = std::count_if(idle.cbegin(), idle.cend(),
                                          [](const auto &peer) { return peer->wasDisconnected(); });
        qInfo("newcomer %s; %lld of 7 idle connections closed by B", joined ? "got in" : "kept out",
              qlonglong(closed));
        QVERIFY2(joined, "the newcomer C never got a link to B");
        QVERIFY(scenario.b().isPresent(aId));

        HonestTraffic traffic(scenario.a(), *newcomer, u"to the newcomer"_s);
        traffic.start(10, HonestIntervalMs);
        traffic.waitForDeliveries(DeliveryBoundMs);
        const QString found =
            verdict({HostileScenario::trafficProblems(traffic), scenario.healthProblems()});
        QVERIFY2(found.isEmpty(), qPrintable(found));
    }

    // 5. A neighbour that announces and then never reads, while B relays to it: B's memory
    // must stay bounded (a bounded send queue per link), honest traffic must flow.
    void neverReadingNeighbourCannotGrowMemory()
    {
        HostileScenario scenario;
        QVERIFY(scenario.startChain());
        const Identity stalled = Identity::generate();
        StalledConnection sink;
        QVERIFY(sink.open(scenario.victimPort(), 4096, 10000));
        const auto announceSink = [&] {
            sink.sendFrame(PacketCodec::encodeForWire(
                               PacketForge::announce(stalled, u"sink"_s, PacketForge::nowMs()))
                               .value());
        };
        announceSink();
        QVERIFY(HostileScenario::waitForPeerNick(scenario.b(), stalled.peerId().toHex(), u"sink"_s,
                                                 10000));
        QTimer keepAnnouncing; // it writes, so it stays present; it just never reads
        connect(&keepAnnouncing, &QTimer::timeout, this, announceSink);
        keepAnnouncing.start(1000);

        // Private traffic for the sink (the kind relays carry without reading it), big frames
        // from many senders, as fast as B takes them.
        HostilePeer writer;
        QVERIFY(scenario.join(writer, u"writer"_s));
        const QByteArray ciphertext = PacketForge::randomBytes(MaxFrameBytes - 100);
        FrameFlood flood(writer, [&](qint64) -> std::optional<QByteArray> {
            Packet packet =
                PacketForge::directedCiphertext(PacketForge::randomPeerId(), stalled.peerId(), 0);
            packet.payload = ciphertext;
            return PacketCodec::encodeForWire(packet).value();
        });
        QTimer guard;
        guardMemory(flood, scenario.b(), guard);
        ProcessProbe victimCpu(scenario.b().processId());
        flood.start({.durationMs = 15000});
        HonestTraffic traffic(scenario.a(), scenario.c(), u"beside the sink"_s);
        traffic.start(40, 300);
        QVERIFY(flood.waitFinished(30000));
        traffic.waitForDeliveries(DeliveryBoundMs);
        qInfo("%lld frames (%lld MiB) for the sink in %lld ms, B at %.0f %% CPU; B's RSS now %lld "
              "MiB; sink link %s; %s",
              qlonglong(flood.framesSent()), qlonglong(flood.bytesSent() / MiB),
              qlonglong(flood.elapsedMs()), victimCpu.spanCpuPercent(),
              qlonglong(ProcessProbe::rssBytes(scenario.b().processId()) / MiB),
              sink.peerHungUp() ? "closed by B" : "still open",
              qPrintable(scenario.peakRssSummary()));
        const QString found =
            verdict({scenario.healthProblems(), HostileScenario::trafficProblems(traffic)});
        QVERIFY2(found.isEmpty(), qPrintable(found));
    }

    // 6. Payloads that inflate a thousandfold: received messages get the composed-message cap,
    // announces a sane size; neither may be shown, stored or kept.
    void compressionCannotAmplify_data()
    {
        QTest::addColumn<bool>("announces");
        QTest::newRow("40 messages inflating to 2 MiB") << false;
        QTest::newRow("announces padded with 2 MiB of empty TLVs") << true;
    }
    void compressionCannotAmplify()
    {
        QFETCH(bool, announces);
        HeadlessNode::Options options = HostileScenario::nodeOptions();
        // The node's own presence timeout: the harness's 4 s would expire the padded peers, and
        // free what they cost, before the next batch arrived.
        options.peerTimeoutMs = 60000;
        HostileScenario scenario(options);
        QVERIFY(scenario.startChain());
        HostilePeer mallory;
        QVERIFY(scenario.join(mallory, u"mallory"_s));
        QVERIFY(HostileScenario::waitForPeerNick(scenario.c(), mallory.peerId().toHex(),
                                                 u"mallory"_s, 10000));
        QStringList padded;
        if (!announces) {
            const InflationBomb bulk(QByteArray(2 * MiB - 64, 'x'));
            for (int i = 0; i < 40; ++i)
                mallory.send(PacketForge::message(mallory.peerId(), mallory.identity().signing(),
                                                  "inflated #" + QByteArray::number(i) + ' ',
                                                  mallory.nextTimestamp(), 7, &bulk));
        } else {
            // Issue 8 sent 300. Each costs today's node ~0.3 s of CPU (SHA-256 over 2 MiB twice,
            // a walk over a million TLVs), so this sends 60 — enough to pass the budget where
            // they are kept — in batches, and stops early once a node passes twice the budget.
            const InflationBomb padding(PacketForge::emptyTlvs(2 * MiB - 256));
            for (int batch = 0; batch < 3 && scenario.maxRssBytes() <= 2 * RssBudget; ++batch) {
                for (int i = 0; i < 20; ++i) {
                    const QByteArray noiseKey = PacketForge::randomBytes(32);
                    const PeerId id = PeerId::fromNoisePublicKey(noiseKey);
                    padded.append(id.toHex());
                    mallory.send(PacketForge::announce(id, noiseKey, mallory.identity().signing(),
                                                       u"padded"_s, PacketForge::nowMs(), 6,
                                                       &padding));
                }
                HostileScenario::drained(mallory, scenario.c(), u"mallory-%1"_s.arg(batch), 30000);
            }
        }
        // Bounded waits, not checks: a node may rightly drop the attacker's link instead.
        HostileScenario::drained(mallory, scenario.b(), u"mallory-done"_s, 30000);
        HostileScenario::drained(mallory, scenario.c(), u"mallory-done"_s, 30000);

        HonestTraffic traffic(scenario.a(), scenario.c(), u"after inflation"_s);
        traffic.start(10, HonestIntervalMs);
        traffic.waitForDeliveries(DeliveryBoundMs);
        int paddedShown = 0;
        for (const QString &id : std::as_const(padded))
            paddedShown += scenario.b().peerEventCount(id, u"joined"_s) +
                           scenario.c().peerEventCount(id, u"joined"_s);
        qInfo("shown: longest message B %lld / C %lld bytes, padded peers %d (of %lld sent), "
              "history B %lld / C %lld KiB; peak RSS %s",
              qlonglong(HostileScenario::longestMessageBytes(scenario.b())),
              qlonglong(HostileScenario::longestMessageBytes(scenario.c())), paddedShown,
              qlonglong(padded.size()),
              qlonglong(HostileScenario::historyBytes(scenario.b()) / 1024),
              qlonglong(HostileScenario::historyBytes(scenario.c()) / 1024),
              qPrintable(scenario.peakRssSummary()));
        QStringList problems;
        for (int i = 0; i < 3; ++i) {
            const HeadlessNode &node = scenario.mesh().at(i);
            // PublicMessagePayload::MaxBytes: the cap on composed messages holds for received.
            const qsizetype longest = HostileScenario::longestMessageBytes(node);
            problems.append(
                unless(longest <= 4096,
                       u"%1 showed a message of %2 bytes"_s.arg(node.nick()).arg(longest)));
            const qint64 history = HostileScenario::historyBytes(node);
            problems.append(
                unless(history < 16 * MiB,
                       u"%1's history grew to %2 MiB"_s.arg(node.nick()).arg(history / MiB)));
        }
        problems << unless(paddedShown == 0,
                           u"padded announces shown as peers %1 times"_s.arg(paddedShown))
                 << scenario.healthProblems() << HostileScenario::trafficProblems(traffic);
        const QString found = verdict(problems);
        QVERIFY2(found.isEmpty(), qPrintable(found));
    }

    // 7. Validly signed messages from one identity as fast as B reads them: honest A → C keeps
    // flowing, and one sender cannot have everything it sends accepted.
    void oneSendersFloodCannotDrownHonestTraffic()
    {
        // Far above any person typing, far below what B accepts today (~2,000/s here).
        constexpr double MaxAcceptedPerSecond = 100;
        HostileScenario scenario;
        QVERIFY(scenario.startChain());
        HostilePeer mallory;
        QVERIFY(scenario.join(mallory, u"mallory"_s));
        const SigningKeyPair &key = mallory.identity().signing();
        FrameFlood flood(mallory, [&](qint64 index) -> std::optional<QByteArray> {
            return PacketCodec::encodeForWire(
                       PacketForge::message(mallory.peerId(), key,
                                            "flood #" + QByteArray::number(index),
                                            mallory.nextTimestamp()))
                .value();
        });
        QElapsedTimer sinceFlood;
        sinceFlood.start();
        // Issue 8: 10,000 messages/s.
        flood.start({.durationMs = 10000, .maxPerSecond = 10000});
        HonestTraffic traffic(scenario.a(), scenario.c(), u"through the flood"_s);
        traffic.start(30, 300);
        QVERIFY(flood.waitFinished(20000));
        traffic.waitForDeliveries(DeliveryBoundMs);
        const int shownAtB = HostileScenario::countMessages(scenario.b(), u"flood #"_s);
        const double seconds = double(sinceFlood.elapsed()) / 1000.0;
        qInfo("flood: %lld messages in %lld ms (%.0f/s); in %.1f s B showed %d, C %d; %s; peak "
              "RSS %s",
              qlonglong(flood.framesSent()), qlonglong(flood.elapsedMs()), flood.framesPerSecond(),
              seconds, shownAtB, HostileScenario::countMessages(scenario.c(), u"flood #"_s),
              qPrintable(traffic.summary(DeliveryBoundMs)), qPrintable(scenario.peakRssSummary()));
        const QString found =
            verdict({HostileScenario::trafficProblems(traffic),
                     unless(shownAtB <= MaxAcceptedPerSecond * seconds,
                            u"B showed %1 messages of one sender in %2 s"_s.arg(shownAtB).arg(
                                seconds, 0, 'f', 1)),
                     scenario.healthProblems()});
        QVERIFY2(found.isEmpty(), qPrintable(found));
    }

    // 8. Fragments and unknown types under a new sender ID each time (nothing authenticates
    // those IDs): B must not pass them all on to its other neighbours.
    void rotatingSenderIdsAreNotRelayedWithoutLimit_data()
    {
        QTest::addColumn<bool>("fragments");
        QTest::newRow("fragments") << true;
        QTest::newRow("unknown type") << false;
    }
    void rotatingSenderIdsAreNotRelayedWithoutLimit()
    {
        QFETCH(bool, fragments);
        HostileScenario scenario;
        QVERIFY(scenario.startChain());
        HostilePeer writer;
        HostilePeer listener; // another neighbour of B: what B relays, it receives
        QVERIFY(scenario.join(writer, u"writer"_s));
        QVERIFY(scenario.join(listener, u"listener"_s));
        QSet<PeerId> senders;
        qint64 relayed = 0;
        connect(&listener, &HostilePeer::packetReceived, this,
                [&](const Packet &packet) { relayed += senders.contains(packet.senderId); });
        FrameFlood flood(writer, [&](qint64) -> std::optional<QByteArray> {
            const PeerId sender = PacketForge::randomPeerId();
            senders.insert(sender);
            const Packet packet = fragments ? PacketForge::loneFragment(sender, 200)
                                            : PacketForge::unknownType(sender, 200);
            return PacketCodec::encodeForWire(packet).value();
        });
        flood.start({.durationMs = 8000, .maxPerSecond = 10000});
        HonestTraffic traffic(scenario.a(), scenario.c(), u"beside the relays"_s);
        traffic.start(25, 300);
        QVERIFY(flood.waitFinished(20000));
        traffic.waitForDeliveries(DeliveryBoundMs);
        qInfo("%lld sent in %lld ms (%.0f/s), %lld relayed to another neighbour (%.1f %%); %s; "
              "peak RSS %s",
              qlonglong(flood.framesSent()), qlonglong(flood.elapsedMs()), flood.framesPerSecond(),
              qlonglong(relayed),
              100.0 * double(relayed) / double(std::max<qint64>(1, flood.framesSent())),
              qPrintable(traffic.summary(DeliveryBoundMs)), qPrintable(scenario.peakRssSummary()));
        const QString found = verdict(
            {unless(relayed <= flood.framesSent() / 2,
                    u"B relayed %1 of %2 packets under throw-away sender IDs"_s.arg(relayed).arg(
                        flood.framesSent())),
             HostileScenario::trafficProblems(traffic), scenario.healthProblems()});
        QVERIFY2(found.isEmpty(), qPrintable(found));
    }
};

QTEST_GUILESS_MAIN(HostilePeerTest)
#include "HostilePeerTest.moc"
