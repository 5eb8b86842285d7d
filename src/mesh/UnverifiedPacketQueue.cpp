// SPDX-License-Identifier: GPL-3.0-or-later
#include "UnverifiedPacketQueue.h"

#include <algorithm>

UnverifiedPacketQueue::UnverifiedPacketQueue(int perSender, int total, qint64 timeoutMs)
    : m_perSender(perSender)
    , m_total(total)
    , m_timeoutMs(timeoutMs)
{}

int UnverifiedPacketQueue::enqueue(const Packet &packet, const QByteArray &packetId,
                                   Link *arrivedOn, bool relay, qint64 nowMs)
{
    const auto sameId = [&](const Entry &entry) { return entry.packetId == packetId; };
    if (std::any_of(m_entries.cbegin(), m_entries.cend(), sameId))
        return 0;
    int dropped = 0;
    const auto sameSender = [&](const Entry &entry) {
        return entry.packet.senderId == packet.senderId;
    };
    if (std::count_if(m_entries.cbegin(), m_entries.cend(), sameSender) >= m_perSender) {
        m_entries.erase(std::find_if(m_entries.begin(), m_entries.end(), sameSender));
        ++dropped;
    } else if (m_entries.size() >= m_total) {
        m_entries.removeFirst();
        ++dropped;
    }
    m_entries.append(Entry{packet, packetId, arrivedOn, relay, nowMs});
    return dropped;
}

QList<UnverifiedPacketQueue::Entry> UnverifiedPacketQueue::takeFor(const PeerId &sender)
{
    QList<Entry> taken;
    const auto split =
        std::stable_partition(m_entries.begin(), m_entries.end(),
                              [&](const Entry &entry) { return entry.packet.senderId != sender; });
    std::move(split, m_entries.end(), std::back_inserter(taken));
    m_entries.erase(split, m_entries.end());
    return taken;
}

int UnverifiedPacketQueue::expire(qint64 nowMs)
{
    const auto before = m_entries.size();
    m_entries.removeIf([&](const Entry &entry) { return nowMs - entry.queuedMs >= m_timeoutMs; });
    return int(before - m_entries.size());
}
