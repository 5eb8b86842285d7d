// SPDX-License-Identifier: GPL-3.0-or-later
#include "BleDeviceTable.h"

#include <algorithm>

BleDeviceTable::BleDeviceTable(Policy policy, QRandomGenerator *random)
    : m_policy(policy)
    , m_random(random)
{
    Q_ASSERT(random);
}

BleDeviceTable::Entry &BleDeviceTable::entry(const QString &address)
{
    auto it = m_entries.find(address);
    if (it == m_entries.end())
        it = m_entries.try_emplace(address, ReconnectBackoff(m_policy.backoff, m_random)).first;
    return it->second;
}

const BleDeviceTable::Entry *BleDeviceTable::find(const QString &address) const
{
    const auto it = m_entries.find(address);
    return it == m_entries.end() ? nullptr : &it->second;
}

void BleDeviceTable::forgiveIfDue(Entry &e, qint64 nowMs)
{
    if (e.forgottenUntilMs < 0 || nowMs < e.forgottenUntilMs)
        return;
    // Forgotten long enough: the device starts afresh, as if never tried.
    e.forgottenUntilMs = -1;
    e.failures = 0;
    e.notBeforeMs = 0;
    e.backoff.reset();
}

void BleDeviceTable::beginRound()
{
    for (auto &[address, e] : m_entries)
        e.heardThisRound = false;
    m_round = {};
}

bool BleDeviceTable::recordSighting(const QString &address, qint64 nowMs)
{
    const bool known = find(address) != nullptr;
    Entry &e = entry(address);
    forgiveIfDue(e, nowMs);
    e.lastHeardMs = nowMs;
    if (e.heardThisRound)
        return false;
    e.heardThisRound = true;
    ++m_round.unique;
    if (!known)
        ++m_round.fresh;
    return true;
}

BleDeviceTable::RoundSummary BleDeviceTable::endRound() const
{
    return m_round;
}

bool BleDeviceTable::isForgotten(const QString &address, qint64 nowMs) const
{
    const Entry *e = find(address);
    return e && e->forgottenUntilMs >= 0 && nowMs < e->forgottenUntilMs;
}

bool BleDeviceTable::mayDial(const QString &address, qint64 nowMs) const
{
    return waitBeforeDial(address, nowMs) == 0;
}

qint64 BleDeviceTable::waitBeforeDial(const QString &address, qint64 nowMs) const
{
    const Entry *e = find(address);
    if (!e)
        return 0;
    const qint64 until = std::max(e->notBeforeMs, e->forgottenUntilMs);
    return std::max<qint64>(0, until - nowMs);
}

void BleDeviceTable::recordLinkOpened(const QString &address, qint64 nowMs)
{
    Entry &e = entry(address);
    e.failures = 0;
    e.linkOpenedMs = nowMs;
}

qint64 BleDeviceTable::recordDialFailure(const QString &address, qint64 nowMs)
{
    Entry &e = entry(address);
    forgiveIfDue(e, nowMs);
    ++e.failures;
    if (e.failures >= m_policy.maxFailures) {
        e.forgottenUntilMs = nowMs + m_policy.forgetMs;
        e.notBeforeMs = e.forgottenUntilMs;
        return -1;
    }
    const qint64 delay = e.backoff.nextDelayMs();
    e.notBeforeMs = nowMs + delay;
    return delay;
}

qint64 BleDeviceTable::recordLinkClosed(const QString &address, qint64 nowMs)
{
    Entry &e = entry(address);
    if (e.linkOpenedMs >= 0 && nowMs - e.linkOpenedMs >= m_policy.backoff.resetAfterMs)
        e.backoff.reset();
    e.linkOpenedMs = -1;
    const qint64 delay = e.backoff.nextDelayMs();
    e.notBeforeMs = std::max(e.notBeforeMs, nowMs + delay);
    return delay;
}

void BleDeviceTable::holdOff(const QString &address, qint64 untilMs)
{
    Entry &e = entry(address);
    e.notBeforeMs = std::max(e.notBeforeMs, untilMs);
}

QStringList BleDeviceTable::prune(qint64 nowMs)
{
    QStringList dropped;
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        const Entry &e = it->second;
        const bool stale = nowMs - e.lastHeardMs >= m_policy.pruneAfterMs;
        const bool forgotten = e.forgottenUntilMs >= 0 && nowMs < e.forgottenUntilMs;
        if (stale && e.linkOpenedMs < 0 && !forgotten) {
            dropped.append(it->first);
            it = m_entries.erase(it);
        } else {
            ++it;
        }
    }
    return dropped;
}

int BleDeviceTable::failures(const QString &address) const
{
    const Entry *e = find(address);
    return e ? e->failures : 0;
}
