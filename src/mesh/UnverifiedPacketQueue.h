// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QPointer>

#include "Link.h"
#include "Packet.h"

/**
 * Signed packets from senders whose announce has not arrived yet, so no signing key is bound to
 * check them with. They wait here a few seconds (announces and messages often cross), then are
 * dropped. Bounded per sender and in total; the oldest packet goes when a bound is hit. A copy of
 * a packet already waiting is not queued twice. Each entry keeps whether it may be relayed once
 * verified (a packet reassembled from fragments never is: its fragments already were).
 */
class UnverifiedPacketQueue
{
public:
    struct Entry
    {
        Packet packet;
        QByteArray packetId;
        QPointer<Link> arrivedOn;
        bool relay = true;
        qint64 queuedMs = 0;
    };

    explicit UnverifiedPacketQueue(int perSender = 8, int total = 64, qint64 timeoutMs = 5000);

    /** Queues @p packet; returns how many older packets were dropped to make room (0 or 1). */
    int enqueue(const Packet &packet, const QByteArray &packetId, Link *arrivedOn, bool relay,
                qint64 nowMs);
    /** Removes and returns the packets waiting for @p sender, oldest first. */
    QList<Entry> takeFor(const PeerId &sender);
    /** Drops packets older than the timeout; returns how many. */
    int expire(qint64 nowMs);
    int size() const { return int(m_entries.size()); }
    qint64 timeoutMs() const { return m_timeoutMs; }

private:
    int m_perSender;
    int m_total;
    qint64 m_timeoutMs;
    QList<Entry> m_entries; // oldest first
};
