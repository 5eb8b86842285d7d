// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QList>

#include "PeerId.h"

/**
 * Tells when one sender floods the chat (issue 8 defect 7, window part): a message is over the
 * limit when its sender already had `limit` messages in the `windowMs` before it. With the
 * defaults, the 21st message within 10 s is the first one over; a sender is back under the limit
 * as soon as its rate drops to 20 per 10 s.
 *
 * Times are what the caller says (the messages' received time on the node's clock), never the
 * wall clock. Keeps the last `limit` times of at most `maxSenders` senders: when more send at
 * once, those silent for a whole window are forgotten first, then arbitrary others (a forgotten
 * flooder is over the limit again after `limit` more messages).
 */
class SenderBurstDetector
{
public:
    static constexpr int DefaultLimit = 20;
    static constexpr qint64 DefaultWindowMs = 10'000;
    static constexpr int DefaultMaxSenders = 1024;

    explicit SenderBurstDetector(int limit = DefaultLimit, qint64 windowMs = DefaultWindowMs,
                                 int maxSenders = DefaultMaxSenders);

    /** Records a message from @p sender received at @p atMs; true when it is over the limit. */
    bool record(const PeerId &sender, qint64 atMs);
    int limit() const { return m_limit; }
    qint64 windowMs() const { return m_windowMs; }
    /** Senders whose times are kept (at most maxSenders). */
    int trackedSenders() const { return int(m_senders.size()); }
    void clear() { m_senders.clear(); }

private:
    struct Recent
    {
        QList<qint64> times; // ring of the last m_limit times
        qsizetype next = 0;  // oldest entry once the ring is full
        qint64 newest = 0;
    };

    void forgetSome(const PeerId &keep, qint64 nowMs);

    int m_limit;
    qint64 m_windowMs;
    int m_maxSenders;
    QHash<PeerId, Recent> m_senders;
};
