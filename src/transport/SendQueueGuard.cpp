// SPDX-License-Identifier: GPL-3.0-or-later
#include "SendQueueGuard.h"

#include <algorithm>

#include "TransportLog.h"

SendQueueGuard::Policy SendQueueGuard::Policy::forFrameQueue(int maxFrames, qint64 maxFrameBytes)
{
    Policy policy;
    policy.maxFrames = std::max(1, maxFrames);
    policy.relayFrames = std::max(1, policy.maxFrames * 3 / 4);
    policy.maxBytes = qint64(policy.maxFrames) * std::max<qint64>(1, maxFrameBytes);
    policy.relayBytes = qint64(policy.relayFrames) * std::max<qint64>(1, maxFrameBytes);
    return policy;
}

SendQueueGuard::SendQueueGuard(Clock &clock, Policy policy, LevelFunction level, quint64 linkId,
                               QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_policy(policy)
    , m_level(std::move(level))
    , m_linkId(linkId)
{
    Q_ASSERT(m_level);
}

SendQueueGuard::~SendQueueGuard()
{
    m_clock.cancel(m_watch);
}

bool SendQueueGuard::admits(qint64 bytes, SendPriority priority)
{
    if (m_stopped)
        return false;
    const Level now = m_level();
    const bool relay = priority == SendPriority::Relay;
    const qint64 byteLimit = relay ? m_policy.relayBytes : m_policy.maxBytes;
    const int frameLimit = relay ? m_policy.relayFrames : m_policy.maxFrames;
    if ((now.bytes <= 0 && now.frames <= 0) ||
        (now.bytes + bytes <= byteLimit && now.frames < frameLimit)) {
        m_peakBytes = std::max(m_peakBytes, now.bytes + bytes);
        return true;
    }
    const quint64 refused = ++m_refused[size_t(priority)];
    qCDebug(lcTransport) << "link" << m_linkId << "send queue full:" << now.bytes << "bytes,"
                         << now.frames << "frames; refused" << (relay ? "relayed" : "own")
                         << "frame of" << bytes << "bytes (" << refused << "so far)";
    m_refusedSinceWatch = true;
    watch();
    return false;
}

void SendQueueGuard::stop()
{
    m_stopped = true;
    m_clock.cancel(m_watch);
    m_watch = 0;
}

void SendQueueGuard::watch()
{
    if (m_watch != 0)
        return;
    m_progressAtWatch = m_progress;
    m_refusedSinceWatch = false;
    m_watch = m_clock.callAfter(m_policy.stuckAfterMs, this, [this] { check(); });
}

void SendQueueGuard::check()
{
    m_watch = 0;
    const Level now = m_level();
    if (m_stopped || (now.bytes <= 0 && now.frames <= 0))
        return; // drained
    if (m_progress == m_progressAtWatch) {
        qCInfo(lcTransport) << "link" << m_linkId << "send queue stuck:" << now.bytes << "bytes,"
                            << now.frames << "frames, nothing sent for" << m_policy.stuckAfterMs
                            << "ms";
        Q_EMIT stuck();
        return;
    }
    if (m_refusedSinceWatch) // draining, but still too slowly to take what comes: keep watching
        watch();
}
