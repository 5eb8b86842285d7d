// SPDX-License-Identifier: GPL-3.0-or-later
#include "FrameFlood.h"

#include <QTimer>

#include "HostilePeer.h"
#include "LoopWait.h"

namespace {
// Frames per turn of the event loop: enough to keep the socket busy, few enough that node output
// and timers are served between turns.
constexpr int BatchFrames = 64;
} // namespace

FrameFlood::FrameFlood(HostilePeer &peer, Generator generator, QObject *parent)
    : QObject(parent)
    , m_peer(peer)
    , m_generator(std::move(generator))
{
    connect(&m_peer, &HostilePeer::bytesWritten, this, [this] {
        if (m_running)
            schedule();
    });
}

void FrameFlood::start(const Limits &limits)
{
    m_limits = limits;
    m_frames = 0;
    m_bytes = 0;
    m_endedMs = -1;
    m_running = true;
    m_clock.start();
    // Ends the flood on time even when the node stopped reading and no bytesWritten() comes.
    const quint64 run = ++m_run;
    QTimer::singleShot(limits.durationMs, Qt::PreciseTimer, this, [this, run] {
        if (run == m_run)
            stop();
    });
    schedule();
}

void FrameFlood::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_endedMs = m_clock.elapsed();
    Q_EMIT finished();
}

bool FrameFlood::waitFinished(int timeoutMs)
{
    return LoopWait::until([this] { return !m_running; }, timeoutMs);
}

qint64 FrameFlood::elapsedMs() const
{
    return m_endedMs >= 0 ? m_endedMs : (m_clock.isValid() ? m_clock.elapsed() : 0);
}

double FrameFlood::framesPerSecond() const
{
    const qint64 ms = elapsedMs();
    return ms > 0 ? double(m_frames) * 1000.0 / double(ms) : 0.0;
}

void FrameFlood::schedule()
{
    if (m_scheduled)
        return;
    m_scheduled = true;
    QTimer::singleShot(0, this, &FrameFlood::pump);
}

void FrameFlood::pump()
{
    m_scheduled = false;
    if (!m_running)
        return;
    for (int i = 0; i < BatchFrames; ++i) {
        const qint64 elapsed = m_clock.elapsed();
        if (elapsed >= m_limits.durationMs ||
            (m_limits.maxFrames >= 0 && m_frames >= m_limits.maxFrames) || !m_peer.isConnected()) {
            stop();
            return;
        }
        if (m_peer.bytesToWrite() > m_limits.maxQueuedBytes)
            return; // bytesWritten() resumes
        if (m_limits.maxPerSecond > 0 &&
            double(m_frames) >= m_limits.maxPerSecond * double(elapsed) / 1000.0) {
            QTimer::singleShot(1, this, &FrameFlood::schedule);
            return;
        }
        const std::optional<QByteArray> frame = m_generator(m_frames);
        if (!frame) {
            stop();
            return;
        }
        m_peer.sendFrame(*frame);
        ++m_frames;
        m_bytes += frame->size();
    }
    schedule();
}
