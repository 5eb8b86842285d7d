// SPDX-License-Identifier: GPL-3.0-or-later
// bench/flood (issue 8): a hostile peer floods the victim B of an A — B — C chain of real
// `meshcast --headless` processes on 127.0.0.1 at the highest rate B takes, while A sends honest
// messages to C. Prints B's peak RSS and CPU, the attacker's rate, and the honest delivery ratio
// and latency percentiles, for a baseline phase without the attacker and for the flood, side by
// side. Figures only: it never passes or fails. See bench/README.md.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QTextStream>

#include <sys/resource.h>

#include "FrameFlood.h"
#include "HonestTraffic.h"
#include "HostilePeer.h"
#include "HostileScenario.h"
#include "PacketCodec.h"
#include "PacketForge.h"

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 WithinMs = 5000;

struct Phase
{
    QString name;
    qint64 seconds = 0;
    double attackerPerSecond = -1;
    qint64 attackerFrames = -1;
    qint64 peakRssBytes = 0;
    double cpuPercent = 0;
    double benchCpuPercent = 0;
    int sent = 0;
    int delivered = 0;
    int deliveredWithin = 0;
    qint64 p50 = 0;
    qint64 p95 = 0;
    qint64 max = 0;
    int shownFromAttacker = -1;
    qint64 catchUpMs = -2; ///< -2: no flood; -1: B had not caught up when the phase ended
};

qint64 ownCpuMs()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return qint64(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000 +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
}

FrameFlood::Generator generatorFor(const QString &mode, HostilePeer &attacker)
{
    if (mode == u"unknown" || mode == u"fragments") {
        const bool fragments = mode == u"fragments";
        return [fragments](qint64) -> std::optional<QByteArray> {
            const PeerId sender = PacketForge::randomPeerId();
            return PacketCodec::encodeForWire(fragments ? PacketForge::loneFragment(sender, 200)
                                                        : PacketForge::unknownType(sender, 200))
                .value();
        };
    }
    return [&attacker](qint64 index) -> std::optional<QByteArray> {
        return PacketCodec::encodeForWire(
                   PacketForge::message(attacker.peerId(), attacker.identity().signing(),
                                        "flood #" + QByteArray::number(index),
                                        attacker.nextTimestamp()))
            .value();
    };
}

/** Runs honest traffic for @p seconds (with a flood when one is given) and measures B. */
Phase runPhase(const QString &name, HostileScenario &scenario, HostilePeer &attacker,
               qint64 seconds, int intervalMs, qint64 settleMs, FrameFlood *flood,
               const FrameFlood::Limits &limits)
{
    Phase phase;
    phase.name = name;
    phase.seconds = seconds;
    ProcessProbe probe(scenario.b().processId());
    const qint64 benchCpuStart = ownCpuMs();
    QElapsedTimer wall;
    wall.start();
    HonestTraffic traffic(scenario.a(), scenario.c(), u"honest %1"_s.arg(name));
    if (flood)
        flood->start(limits);
    traffic.start(int(seconds * 1000 / intervalMs), intervalMs);
    // How long B stays busy once the flood ends: the attacker's next announce is behind every
    // flood frame on its link, so B shows it when it has handled them all.
    QElapsedTimer sinceFlood;
    bool caughtUp = false;
    const QString marker = u"mallory after %1"_s.arg(name);
    QObject::connect(&scenario.b(), &HeadlessNode::eventReceived, &traffic,
                     [&](const QJsonObject &event) {
                         if (!caughtUp && event.value(u"nick"_s).toString() == marker) {
                             caughtUp = true;
                             phase.catchUpMs = sinceFlood.elapsed();
                         }
                     });
    if (flood) {
        flood->waitFinished(int(seconds * 1000 + 30000));
        phase.catchUpMs = -1;
        sinceFlood.start();
        attacker.announce(marker);
    }
    traffic.waitForDeliveries(int(settleMs));
    phase.peakRssBytes = probe.spanPeakRssBytes();
    phase.cpuPercent = probe.spanCpuPercent();
    phase.benchCpuPercent = 100.0 * double(ownCpuMs() - benchCpuStart) / double(wall.elapsed());
    phase.sent = traffic.sentCount();
    phase.delivered = traffic.deliveredWithin(std::numeric_limits<qint64>::max());
    phase.deliveredWithin = traffic.deliveredWithin(WithinMs);
    phase.p50 = traffic.percentileMs(0.5);
    phase.p95 = traffic.percentileMs(0.95);
    phase.max = traffic.percentileMs(1.0);
    if (flood) {
        phase.attackerFrames = flood->framesSent();
        phase.attackerPerSecond = flood->framesPerSecond();
    }
    return phase;
}

QString ratio(int part, int whole)
{
    return u"%1/%2 (%3 %)"_s.arg(part).arg(whole).arg(whole > 0 ? 100.0 * part / whole : 0.0, 0,
                                                      'f', 1);
}

void print(QTextStream &out, const QString &label, const QString &before, const QString &during)
{
    out << label.leftJustified(34) << before.rightJustified(20) << during.rightJustified(28)
        << '\n';
}

void printTable(QTextStream &out, const Phase &before, const Phase &during)
{
    const auto ms = [](qint64 value) { return HonestTraffic::formatMs(value); };
    const auto mib = [](qint64 bytes) {
        return u"%1"_s.arg(double(bytes) / double(ProcessProbe::MiB), 0, 'f', 1);
    };
    print(out, u""_s, before.name, during.name);
    print(out, u"seconds"_s, QString::number(before.seconds), QString::number(during.seconds));
    print(out, u"attacker frames (per s)"_s, u"–"_s,
          u"%1 (%2/s)"_s.arg(during.attackerFrames).arg(during.attackerPerSecond, 0, 'f', 0));
    print(out, u"victim B peak RSS (MiB)"_s, mib(before.peakRssBytes), mib(during.peakRssBytes));
    print(out, u"victim B CPU (% of one core)"_s, QString::number(before.cpuPercent, 'f', 0),
          QString::number(during.cpuPercent, 'f', 0));
    print(out, u"bench process CPU (% of one core)"_s,
          QString::number(before.benchCpuPercent, 'f', 0),
          QString::number(during.benchCpuPercent, 'f', 0));
    print(out, u"honest A→C shown"_s, ratio(before.delivered, before.sent),
          ratio(during.delivered, during.sent));
    print(out, u"  … within 5 s"_s, ratio(before.deliveredWithin, before.sent),
          ratio(during.deliveredWithin, during.sent));
    print(out, u"honest latency p50"_s, ms(before.p50), ms(during.p50));
    print(out, u"honest latency p95"_s, ms(before.p95), ms(during.p95));
    print(out, u"honest latency max"_s, ms(before.max), ms(during.max));
    if (during.shownFromAttacker >= 0)
        print(out, u"B showed from the attacker"_s, u"–"_s,
              ratio(during.shownFromAttacker, int(during.attackerFrames)));
    print(out, u"B busy after the flood ended"_s, u"–"_s,
          during.catchUpMs >= 0 ? ms(during.catchUpMs) : u"> settle time"_s);
    out.flush();
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Floods the middle node of an A–B–C chain (issue 8)."_s);
    parser.addHelpOption();
    const QCommandLineOption duration(u"duration"_s, u"Flood for S seconds (default 60)."_s, u"S"_s,
                                      u"60"_s);
    const QCommandLineOption baseline(u"baseline"_s, u"Baseline phase of S seconds (default 20)."_s,
                                      u"S"_s, u"20"_s);
    const QCommandLineOption mode(
        u"mode"_s,
        u"signed (one identity, attack 7; default), unknown or fragments (new sender ID each, attack 8)."_s,
        u"MODE"_s, u"signed"_s);
    const QCommandLineOption rate(u"rate"_s, u"At most N frames/s (default 0: no cap)."_s, u"N"_s,
                                  u"0"_s);
    const QCommandLineOption interval(
        u"interval-ms"_s, u"One honest message every MS ms (default 200)."_s, u"MS"_s, u"200"_s);
    const QCommandLineOption settle(u"settle"_s,
                                    u"Give each honest message S seconds to arrive (default 30)."_s,
                                    u"S"_s, u"30"_s);
    parser.addOptions({duration, baseline, mode, rate, interval, settle});
    parser.process(app);
    const QString floodMode = parser.value(mode);
    if (floodMode != u"signed" && floodMode != u"unknown" && floodMode != u"fragments")
        parser.showHelp(2);
    const int intervalMs = std::max(10, parser.value(interval).toInt());
    const qint64 settleMs = parser.value(settle).toLongLong() * 1000;

    QTextStream out(stdout);
    HostileScenario scenario;
    if (!scenario.startChain()) {
        out << "the chain A–B–C did not form\n";
        return 1;
    }
    HostilePeer attacker;
    if (!attacker.connectTo(scenario.b().listenUrl())) {
        out << "the attacker could not connect to B\n";
        return 1;
    }
    attacker.announce(u"mallory"_s);
    HostileScenario::waitForPeerNick(scenario.b(), attacker.peerId().toHex(), u"mallory"_s, 10000);
    out << "flood bench: victim B of A–B–C, attacker mode '" << floodMode << "', honest A→C every "
        << intervalMs << " ms\n";
    out.flush();

    const Phase before =
        runPhase(u"baseline"_s, scenario, attacker, parser.value(baseline).toLongLong(), intervalMs,
                 settleMs, nullptr, {});
    FrameFlood flood(attacker, generatorFor(floodMode, attacker));
    FrameFlood::Limits limits;
    limits.durationMs = parser.value(duration).toLongLong() * 1000;
    limits.maxPerSecond = parser.value(rate).toDouble();
    Phase during = runPhase(u"flood"_s, scenario, attacker, parser.value(duration).toLongLong(),
                            intervalMs, settleMs, &flood, limits);
    if (floodMode == u"signed")
        during.shownFromAttacker = HostileScenario::countMessages(scenario.b(), u"flood #"_s);
    printTable(out, before, during);
    const qint64 lifetimePeak = ProcessProbe::peakRssBytes(scenario.b().processId());
    const QString problems = scenario.healthProblems();
    out << "victim B lifetime peak RSS (VmHWM): " << lifetimePeak / ProcessProbe::MiB
        << " MiB; afterwards: " << (problems.isEmpty() ? u"all nodes healthy"_s : problems) << '\n';
    return 0;
}
