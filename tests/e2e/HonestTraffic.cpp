// SPDX-License-Identifier: GPL-3.0-or-later
#include "HonestTraffic.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <QJsonObject>
#include <QRandomGenerator>

#include "HeadlessNode.h"
#include "LoopWait.h"

using namespace Qt::StringLiterals;

HonestTraffic::HonestTraffic(HeadlessNode &from, HeadlessNode &to, const QString &tag,
                             QObject *parent)
    : QObject(parent)
    , m_from(from)
    , m_to(to)
    , m_tag(tag)
    , m_nonce(QString::number(QRandomGenerator::global()->generate(), 36))
{
    m_clock.start();
    connect(&m_timer, &QTimer::timeout, this, &HonestTraffic::sendNext);
    connect(&m_to, &HeadlessNode::eventReceived, this, &HonestTraffic::onEvent);
}

void HonestTraffic::start(int count, int intervalMs)
{
    m_count = sentCount() + count;
    m_timer.start(intervalMs);
    sendNext();
}

void HonestTraffic::sendNext()
{
    if (sentCount() >= m_count) {
        m_timer.stop();
        return;
    }
    const int index = sentCount();
    const QString text = u"%1 %2 #%3"_s.arg(m_tag, m_nonce).arg(index);
    m_indexByText.insert(text, index);
    m_sentAtMs.append(m_clock.elapsed());
    m_latencyMs.append(Never);
    m_from.send(text);
    if (sentCount() >= m_count)
        m_timer.stop();
}

void HonestTraffic::onEvent(const QJsonObject &event)
{
    if (event.value(u"event"_s).toString() != u"message")
        return;
    const auto it = m_indexByText.constFind(event.value(u"text"_s).toString());
    if (it == m_indexByText.cend() || m_latencyMs.at(*it) != Never)
        return;
    m_latencyMs[*it] = m_clock.elapsed() - m_sentAtMs.at(*it);
}

bool HonestTraffic::waitForDeliveries(int deliveryBoundMs)
{
    const auto settled = [&] {
        if (isSending())
            return false;
        const qint64 now = m_clock.elapsed();
        for (int i = 0; i < sentCount(); ++i) {
            if (m_latencyMs.at(i) == Never && now - m_sentAtMs.at(i) < deliveryBoundMs)
                return false;
        }
        return true;
    };
    // Bounded by the sending time left plus one delivery bound.
    const int sendingLeftMs = int((m_count - sentCount() + 1) * std::max(1, m_timer.interval()));
    const bool settledInTime = LoopWait::until(settled, sendingLeftMs + deliveryBoundMs + 1000);
    return settledInTime && deliveredWithin(std::numeric_limits<qint64>::max()) == m_count;
}

int HonestTraffic::deliveredWithin(qint64 boundMs) const
{
    return int(std::count_if(m_latencyMs.cbegin(), m_latencyMs.cend(),
                             [boundMs](qint64 ms) { return ms != Never && ms <= boundMs; }));
}

qint64 HonestTraffic::percentileMs(double q) const
{
    if (m_latencyMs.isEmpty())
        return Never;
    QList<qint64> sorted = m_latencyMs;
    std::sort(sorted.begin(), sorted.end(), [](qint64 a, qint64 b) {
        return (a == Never ? std::numeric_limits<qint64>::max() : a) <
               (b == Never ? std::numeric_limits<qint64>::max() : b);
    });
    const auto rank = qsizetype(std::ceil(q * double(sorted.size()))) - 1;
    return sorted.at(std::clamp<qsizetype>(rank, 0, sorted.size() - 1));
}

QString HonestTraffic::formatMs(qint64 ms)
{
    return ms == Never ? u"never"_s : u"%1 ms"_s.arg(ms);
}

QString HonestTraffic::summary(qint64 boundMs) const
{
    return u"%1 -> %2: %3/%4 shown within %5 ms, p50 %6, p95 %7, max %8"_s
        .arg(m_from.nick(), m_to.nick())
        .arg(deliveredWithin(boundMs))
        .arg(sentCount())
        .arg(boundMs)
        .arg(formatMs(percentileMs(0.5)), formatMs(percentileMs(0.95)),
             formatMs(percentileMs(1.0)));
}
