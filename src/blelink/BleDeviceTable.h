// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>

#include <QString>
#include <QStringList>

#include "ReconnectBackoff.h"

class QRandomGenerator;

/**
 * What the central remembers about each bitchat device it has heard, keyed by Bluetooth
 * address: whether it was heard in the current scan round (so a round counts each device once,
 * however many advertisements and RSSI updates arrive), and when it may be dialed again.
 *
 * Dialing rules: after a failed dial or a lost link the next attempt waits for the reconnect
 * backoff (reset once a link lasted Policy::backoff.resetAfterMs); after Policy::maxFailures
 * failures in a row the device is forgotten for Policy::forgetMs, sightings included; a device
 * whose link the mesh closed as a duplicate is held off for a while (holdOff()).
 *
 * A pure bookkeeper: all times are passed in (monotonic ms), it owns no timer. Uses, does not
 * own, the random generator for backoff jitter.
 */
class BleDeviceTable
{
public:
    struct Policy
    {
        int maxFailures = 5;
        qint64 forgetMs = 10 * 60'000;
        ReconnectBackoff::Policy backoff;
        /** A device not heard for this long (and not linked) is dropped from the table, ms. */
        qint64 pruneAfterMs = 30 * 60'000;
    };
    struct RoundSummary
    {
        int unique = 0; ///< devices heard this round
        int fresh = 0;  ///< of those, heard for the first time
    };

    BleDeviceTable(Policy policy, QRandomGenerator *random);

    /** Starts counting a new scan round. */
    void beginRound();
    /** Records that @p address was heard; true the first time in this round. */
    bool recordSighting(const QString &address, qint64 nowMs);
    /** The counts of the round that began with beginRound(). */
    RoundSummary endRound() const;

    /** True when @p address is not forgotten, not held off and its backoff has passed. */
    bool mayDial(const QString &address, qint64 nowMs) const;
    bool isForgotten(const QString &address, qint64 nowMs) const;
    /** ms until mayDial() turns true by itself, 0 if it is; -1 for unknown addresses. */
    qint64 waitBeforeDial(const QString &address, qint64 nowMs) const;

    void recordLinkOpened(const QString &address, qint64 nowMs);
    /** A dial failed; returns the delay before the next attempt, or -1 if now forgotten. */
    qint64 recordDialFailure(const QString &address, qint64 nowMs);
    /** An open link closed; returns the delay before the next attempt. */
    qint64 recordLinkClosed(const QString &address, qint64 nowMs);
    /** Keeps @p address from being dialed before @p untilMs. */
    void holdOff(const QString &address, qint64 untilMs);

    /**
     * Drops devices unheard for Policy::pruneAfterMs that have no link and are not forgotten:
     * phones change their random address every few minutes, and each address is a new entry.
     * Returns the addresses dropped.
     */
    QStringList prune(qint64 nowMs);

    int failures(const QString &address) const;
    int size() const { return int(m_entries.size()); }

private:
    struct Entry
    {
        explicit Entry(ReconnectBackoff b)
            : backoff(std::move(b))
        {}
        ReconnectBackoff backoff;
        bool heardThisRound = false;
        int failures = 0;
        qint64 notBeforeMs = 0;
        qint64 forgottenUntilMs = -1;
        qint64 linkOpenedMs = -1;
        qint64 lastHeardMs = 0;
    };

    Entry &entry(const QString &address);
    const Entry *find(const QString &address) const;
    static void forgiveIfDue(Entry &e, qint64 nowMs);

    const Policy m_policy;
    QRandomGenerator *m_random;
    std::map<QString, Entry> m_entries;
    RoundSummary m_round;
};
