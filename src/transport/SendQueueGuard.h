// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <functional>

#include <QObject>

#include "Clock.h"
#include "SendPriority.h"

/**
 * The bound on one link's send queue (issue 8 defect 5): what a link has taken but not yet
 * handed to the medium, in bytes and frames. A neighbour that never reads must not make the node
 * hold traffic for it without limit.
 *
 * Two thresholds: above the relay bound (Policy::relayBytes, relayFrames) relayed frames are
 * refused; this node's own frames may still fill the queue up to the hard cap (maxBytes,
 * maxFrames), so its announces reach a neighbour that is slow rather than hostile. An empty
 * queue takes any frame, so one frame larger than a bound still goes. Each refusal is counted
 * per priority and logged at debug level. A queue that refused a frame and then let nothing
 * leave for Policy::stuckAfterMs is stuck: stuck() is emitted and the link closes itself.
 *
 * The link reports its queue through the level function and calls progressed() whenever some of
 * it left; the guard owns only its timer, on the Clock, which must outlive it.
 */
class SendQueueGuard : public QObject
{
    Q_OBJECT
public:
    struct Policy
    {
        /** Bytes queued above which relayed frames are refused. */
        qint64 relayBytes = 256 * 1024;
        /** Frames queued above which relayed frames are refused. */
        int relayFrames = 256;
        /** Bytes queued at most, own frames included. */
        qint64 maxBytes = 1024 * 1024;
        /** Frames queued at most, own frames included. */
        int maxFrames = 1024;
        /** A queue that refused a frame and drained nothing for this long is stuck, ms. */
        qint64 stuckAfterMs = 5'000;

        /**
         * For a queue of at most @p maxFrames frames of at most @p maxFrameBytes each (a BLE
         * FramePacer): relays are refused once three quarters of it are taken.
         */
        static Policy forFrameQueue(int maxFrames, qint64 maxFrameBytes);
    };

    /** What the queue holds now. */
    struct Level
    {
        qint64 bytes = 0;
        int frames = 0;
    };
    using LevelFunction = std::function<Level()>;

    /** @p level reports the link's queue; @p linkId names the link in logs. */
    SendQueueGuard(Clock &clock, Policy policy, LevelFunction level, quint64 linkId,
                   QObject *parent = nullptr);
    ~SendQueueGuard() override;

    /**
     * Whether a frame of @p bytes (as it will sit in the queue) at @p priority fits now. A
     * refusal is counted, logged and starts the stuck watch.
     */
    bool admits(qint64 bytes, SendPriority priority);
    /** Some of the queue left the node (the medium took bytes, a frame went out). */
    void progressed() { ++m_progress; }
    /** The link closed: no more watching. */
    void stop();

    Level level() const { return m_level(); }
    /** Frames refused at @p priority so far. */
    quint64 refusedCount(SendPriority priority) const { return m_refused[size_t(priority)]; }
    /** The most bytes the queue held, counting each admitted frame in. */
    qint64 peakBytes() const { return m_peakBytes; }
    const Policy &policy() const { return m_policy; }

Q_SIGNALS:
    /** The queue refused frames and nothing left it for Policy::stuckAfterMs. */
    void stuck();

private:
    void watch();
    void check();

    Clock &m_clock;
    const Policy m_policy;
    const LevelFunction m_level;
    const quint64 m_linkId;
    std::array<quint64, 2> m_refused{};
    quint64 m_progress = 0;
    quint64 m_progressAtWatch = 0;
    bool m_refusedSinceWatch = false;
    bool m_stopped = false;
    qint64 m_peakBytes = 0;
    Clock::TimerId m_watch = 0;
};
