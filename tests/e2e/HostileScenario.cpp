// SPDX-License-Identifier: GPL-3.0-or-later
#include "HostileScenario.h"

#include <cmath>

#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QUrl>

#include "HonestTraffic.h"
#include "HostilePeer.h"
#include "LoopWait.h"

using namespace Qt::StringLiterals;

namespace {
bool isPeerEvent(const QJsonObject &event, const QString &peerId, const QString &nick)
{
    return event.value(u"event"_s).toString() == u"peer" &&
           event.value(u"peer_id"_s).toString() == peerId &&
           event.value(u"state"_s).toString() != u"left" &&
           event.value(u"nick"_s).toString() == nick;
}
} // namespace

HeadlessNode::Options HostileScenario::nodeOptions()
{
    HeadlessNode::Options options;
    options.addressSpaceLimitBytes = AddressSpaceLimitBytes;
    return options;
}

HostileScenario::HostileScenario(HeadlessNode::Options options)
    : m_options(std::move(options))
{}

bool HostileScenario::startPair()
{
    return m_mesh.addDialing(u"A"_s, {}, m_options) && m_mesh.addDialing(u"B"_s, {0}, m_options) &&
           LoopWait::until([this] { return m_mesh.isFullyConnected(); }, FormMs);
}

bool HostileScenario::startChain()
{
    return m_mesh.startChain(3, m_options) &&
           LoopWait::until([this] { return m_mesh.isFullyConnected(); }, FormMs);
}

HeadlessNode *HostileScenario::addDialingVictim(const QString &nick)
{
    return m_mesh.addDialing(nick, {1}, m_options);
}

quint16 HostileScenario::victimPort() const
{
    return quint16(QUrl(b().listenUrl()).port());
}

bool HostileScenario::join(HostilePeer &peer, const QString &nick)
{
    if (!peer.connectTo(b().listenUrl()))
        return false;
    peer.announce(nick);
    return waitForPeerNick(b(), peer.peerId().toHex(), nick, 10000);
}

bool HostileScenario::drained(HostilePeer &peer, HeadlessNode &node, const QString &nick,
                              int timeoutMs)
{
    peer.announce(nick);
    return waitForPeerNick(node, peer.peerId().toHex(), nick, timeoutMs);
}

QString HostileScenario::trafficProblems(const HonestTraffic &traffic)
{
    const int needed = int(std::ceil(MinDeliveredShare * traffic.sentCount()));
    QStringList problems;
    if (traffic.deliveredWithin(DeliveryBoundMs) < needed)
        problems.append(u"fewer than %1 shown in time"_s.arg(needed));
    const qint64 median = traffic.percentileMs(0.5);
    if (median == HonestTraffic::Never || median > MedianBoundMs)
        problems.append(u"p50 over %1 ms"_s.arg(MedianBoundMs));
    return problems.isEmpty()
               ? QString()
               : traffic.summary(DeliveryBoundMs) + u" - "_s + problems.join(u", "_s);
}

bool HostileScenario::isAnswering(HeadlessNode &node, int timeoutMs)
{
    if (!node.isRunning())
        return false;
    bool answered = false;
    const QMetaObject::Connection watch =
        QObject::connect(&node, &HeadlessNode::eventReceived, [&answered](const QJsonObject &e) {
            answered = answered || e.value(u"event"_s).toString() == u"who";
        });
    node.send(u"/who"_s);
    const bool ended = LoopWait::until([&] { return answered || !node.isRunning(); }, timeoutMs);
    QObject::disconnect(watch);
    return ended && answered;
}

QString HostileScenario::healthProblems()
{
    QStringList problems;
    for (int i = 0; i < m_mesh.size(); ++i) {
        HeadlessNode &node = m_mesh.at(i);
        const qint64 peak = ProcessProbe::peakRssBytes(node.processId());
        if (!node.isRunning()) {
            problems.append(
                u"%1: not running (exit code %2)"_s.arg(node.nick()).arg(node.exitCode()));
            continue;
        }
        if (!isAnswering(node))
            problems.append(u"%1: does not answer /who"_s.arg(node.nick()));
        if (peak > RssBudgetBytes)
            problems.append(u"%1: peak RSS %2 MiB over the %3 MiB budget"_s.arg(node.nick())
                                .arg(peak / ProcessProbe::MiB)
                                .arg(RssBudgetBytes / ProcessProbe::MiB));
    }
    return problems.join(u"; "_s);
}

qint64 HostileScenario::maxRssBytes() const
{
    qint64 largest = 0;
    for (int i = 0; i < m_mesh.size(); ++i)
        largest = std::max(largest, ProcessProbe::rssBytes(m_mesh.at(i).processId()));
    return largest;
}

QString HostileScenario::peakRssSummary() const
{
    QStringList parts;
    for (int i = 0; i < m_mesh.size(); ++i) {
        const HeadlessNode &node = m_mesh.at(i);
        const qint64 peak = ProcessProbe::peakRssBytes(node.processId());
        parts.append(peak < 0 ? u"%1 gone"_s.arg(node.nick())
                              : u"%1 %2 MiB"_s.arg(node.nick()).arg(peak / ProcessProbe::MiB));
    }
    return parts.join(u", "_s);
}

int HostileScenario::countMessages(const HeadlessNode &node, const QString &prefix)
{
    int count = 0;
    for (const QJsonObject &event : node.events()) {
        if (event.value(u"event"_s).toString() == u"message" &&
            event.value(u"text"_s).toString().startsWith(prefix))
            ++count;
    }
    return count;
}

qsizetype HostileScenario::longestMessageBytes(const HeadlessNode &node)
{
    qsizetype longest = 0;
    for (const QJsonObject &event : node.events()) {
        if (event.value(u"event"_s).toString() == u"message")
            longest = std::max(longest, event.value(u"text"_s).toString().toUtf8().size());
    }
    return longest;
}

qint64 HostileScenario::historyBytes(const HeadlessNode &node)
{
    const QDir dir(node.dataDir());
    return QFileInfo(dir.filePath(u"history.sqlite"_s)).size() +
           QFileInfo(dir.filePath(u"history.sqlite-wal"_s)).size();
}

bool HostileScenario::waitForPeerNick(HeadlessNode &node, const QString &peerId,
                                      const QString &nick, int timeoutMs)
{
    bool seen = false;
    for (const QJsonObject &event : node.events())
        seen = seen || isPeerEvent(event, peerId, nick);
    const QMetaObject::Connection watch =
        QObject::connect(&node, &HeadlessNode::eventReceived, [&](const QJsonObject &event) {
            seen = seen || isPeerEvent(event, peerId, nick);
        });
    const bool ended = LoopWait::until([&] { return seen || !node.isRunning(); }, timeoutMs);
    QObject::disconnect(watch);
    return ended && seen;
}
