// SPDX-License-Identifier: GPL-3.0-or-later
#include "FramePacer.h"

#include <algorithm>

FramePacer::FramePacer(Clock &clock, Policy policy, SendFunction send, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_policy(policy)
    , m_send(std::move(send))
{
    Q_ASSERT(m_send);
}

FramePacer::~FramePacer()
{
    m_clock.cancel(m_window);
}

bool FramePacer::enqueue(const QByteArray &frame)
{
    if (int(m_queue.size()) >= std::max(1, m_policy.maxQueuedFrames)) {
        ++m_dropped;
        return false;
    }
    m_queue.push_back(frame);
    m_queuedBytes += frame.size();
    pump();
    return true;
}

void FramePacer::hold()
{
    m_held = true;
}

void FramePacer::release()
{
    if (!m_held)
        return;
    m_held = false;
    pump();
}

int FramePacer::clear()
{
    const int dropped = int(m_queue.size());
    m_dropped += quint64(dropped);
    m_queue.clear();
    m_queuedBytes = 0;
    return dropped;
}

void FramePacer::pump()
{
    if (m_pumping) // a send that releases or enqueues lands here; the loop below carries on
        return;
    m_pumping = true;
    while (!m_held && !m_queue.empty() && m_sentInWindow < std::max(1, m_policy.burst)) {
        if (m_window == 0)
            m_window = m_clock.callAfter(m_policy.intervalMs, this, [this] { endWindow(); });
        const QByteArray frame = m_queue.front();
        m_queue.pop_front();
        m_queuedBytes -= frame.size();
        ++m_sentInWindow;
        ++m_sent;
        m_send(frame);
    }
    m_pumping = false;
}

void FramePacer::endWindow()
{
    m_window = 0;
    m_sentInWindow = 0;
    pump();
}
