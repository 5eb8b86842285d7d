// SPDX-License-Identifier: GPL-3.0-or-later
// How fast a node takes in distinct signed public messages, side by side with what bounds it:
// libsodium's raw verify rate, the router alone, the node with its SQLite history, and the
// duplicate fast path. In process, virtual time, one link; prints figures, asserts nothing.
//   meshcast_bench_ingest [messages]   (default 10000)
#include <sodium.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>

#include "FakeLink.h"
#include "MeshTestPeer.h"
#include "NodeHarness.h"
#include "PacketCodec.h"
#include "RouterHarness.h"
#include "VirtualClock.h"

namespace {
constexpr int Senders = 100;
/** Frames handled in one event-loop turn, 1 ms of virtual time each (within every budget). */
constexpr int FramesPerTurn = 50;

struct Workload
{
    QList<MeshTestPeer> peers;
    QList<QByteArray> announces;
    QList<QByteArray> messages;
};

Workload makeWorkload(int count)
{
    Workload work;
    for (int i = 0; i < Senders; ++i) {
        work.peers.append(MeshTestPeer(QStringLiteral("peer%1").arg(i)));
        work.announces.append(work.peers.last().frame(work.peers.last().announcePacket(1000)));
    }
    for (int i = 0; i < count; ++i) {
        const MeshTestPeer &peer = work.peers.at(i % Senders);
        work.messages.append(peer.frame(peer.messagePacket(
            QStringLiteral("message %1 of a benchmark, long enough to look real").arg(i),
            2000 + quint64(i))));
    }
    return work;
}

double perSecond(qsizetype count, qint64 nanoseconds)
{
    return nanoseconds > 0 ? double(count) * 1e9 / double(nanoseconds) : 0.0;
}

double rawVerifyRate(const Workload &work)
{
    struct Item
    {
        QByteArray transcript, signature, key;
    };
    QList<Item> items;
    for (qsizetype i = 0; i < work.messages.size(); ++i) {
        const Packet packet = PacketCodec().decode(work.messages.at(i)).value();
        items.append({PacketCodec::signingTranscript(packet).value(), *packet.signature,
                      work.peers.at(i % Senders).identity().signing().publicKey()});
    }
    QElapsedTimer timer;
    timer.start();
    int valid = 0;
    for (const Item &item : std::as_const(items)) {
        valid += crypto_sign_verify_detached(
                     reinterpret_cast<const unsigned char *>(item.signature.constData()),
                     reinterpret_cast<const unsigned char *>(item.transcript.constData()),
                     quint64(item.transcript.size()),
                     reinterpret_cast<const unsigned char *>(item.key.constData())) == 0;
    }
    const qint64 elapsed = timer.nsecsElapsed();
    return valid == items.size() ? perSecond(items.size(), elapsed) : 0.0;
}

/** Delivers @p frames, FramesPerTurn to a turn of @p clock (which then runs what is due). */
template<typename Deliver>
qint64 timeDeliveries(const QList<QByteArray> &frames, VirtualClock &clock, Deliver deliver)
{
    QElapsedTimer timer;
    timer.start();
    for (qsizetype i = 0; i < frames.size(); ++i) {
        deliver(frames.at(i));
        if ((i + 1) % FramesPerTurn == 0)
            clock.advance(FramesPerTurn);
    }
    clock.advance(FramesPerTurn);
    return timer.nsecsElapsed();
}

struct RouterRates
{
    double ingest = 0;
    double duplicates = 0;
    quint64 accepted = 0;
};

RouterRates routerRates(const Workload &work)
{
    RouterHarness node;
    FakeLink *link = node.openLink(QStringLiteral("bench"));
    for (const QByteArray &announce : work.announces)
        node.deliver(link, announce);
    const auto deliver = [&](const QByteArray &frame) { node.deliver(link, frame); };
    RouterRates rates;
    rates.ingest =
        perSecond(work.messages.size(), timeDeliveries(work.messages, node.clock, deliver));
    rates.accepted = node.router.counters().accepted - quint64(work.announces.size());
    rates.duplicates =
        perSecond(work.messages.size(), timeDeliveries(work.messages, node.clock, deliver));
    return rates;
}

std::pair<double, qint64> nodeRate(const Workload &work)
{
    QTemporaryDir dir;
    NodeHarness harness(dir.filePath(QStringLiteral("history.sqlite")));
    harness.node->start();
    FakeLink *link = harness.transport.acceptIncoming(QStringLiteral("bench"));
    for (const QByteArray &announce : work.announces)
        Q_EMIT link->frameReceived(announce);
    const auto deliver = [&](const QByteArray &frame) { Q_EMIT link->frameReceived(frame); };
    const qint64 elapsed = timeDeliveries(work.messages, harness.clock, deliver);
    return {perSecond(work.messages.size(), elapsed), harness.store.count()};
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? std::max(1, atoi(argv[1])) : 10000;
    if (sodium_init() < 0)
        return 1;
    const Workload work = makeWorkload(count);
    const double raw = rawVerifyRate(work);
    const RouterRates router = routerRates(work);
    const auto [node, stored] = nodeRate(work);

    QTextStream out(stdout);
    out << "ingest of " << count << " distinct signed messages from " << Senders
        << " senders (one link, virtual time, " << FramesPerTurn << " frames per turn)\n";
    out << QStringLiteral("%1 %2 %3\n")
               .arg(u"what"_qs, -28)
               .arg(u"per second"_qs, 12)
               .arg(u"× raw verify"_qs, 14);
    const auto row = [&](const QString &what, double rate) {
        out << QStringLiteral("%1 %2 %3\n")
                   .arg(what, -28)
                   .arg(rate, 12, 'f', 0)
                   .arg(raw > 0 ? rate / raw : 0.0, 14, 'f', 2);
    };
    row(u"raw Ed25519 verify"_qs, raw);
    row(u"router ingest"_qs, router.ingest);
    row(u"node with history ingest"_qs, node);
    row(u"duplicate fast path"_qs, router.duplicates);
    out << "accepted by the router: " << router.accepted << ", stored by the node: " << stored
        << "\n";
    return 0;
}
