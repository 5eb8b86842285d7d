// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <deque>
#include <functional>

#include <QByteArray>
#include <QObject>

#include "Clock.h"

/**
 * A bounded FIFO of frames handed to a send function at a bounded rate: at most Policy::burst
 * frames per Policy::intervalMs window, measured on the Clock. It keeps a BLE link from pouring
 * frames into the Bluetooth stack faster than the radio drains them: Qt 6.4's kernel peripheral
 * drops a notification silently when its socket is full, and BlueZ queues every write without
 * limit. While held (waiting for a subscription, or for the answer to a write with response)
 * nothing is sent; frames queue up to Policy::maxQueuedFrames, beyond which new ones are dropped
 * and counted. Frames still waiting when the link closes (clear()) are counted as dropped too.
 * The first frame after a quiet window goes out at once.
 *
 * Owns the queued frames and its one timer; uses the clock, which must outlive it.
 */
class FramePacer : public QObject
{
    Q_OBJECT
public:
    struct Policy
    {
        /** Frames sent back to back before waiting for the next window. */
        int burst = 2;
        /** Length of a window, ms. */
        qint64 intervalMs = 20;
        /** Frames kept waiting at most; a full queue drops the newest frame. */
        int maxQueuedFrames = 64;
    };
    using SendFunction = std::function<void(const QByteArray &frame)>;

    FramePacer(Clock &clock, Policy policy, SendFunction send, QObject *parent = nullptr);
    ~FramePacer() override;

    /** Queues @p frame and sends what the window allows; false if the queue was full. */
    bool enqueue(const QByteArray &frame);
    /** Stops sending until release(); may be called from inside the send function. */
    void hold();
    void release();
    bool isHeld() const { return m_held; }
    /** Drops every queued frame (the link closed); returns how many, which count as dropped. */
    int clear();

    int queuedCount() const { return int(m_queue.size()); }
    /** Payload bytes of the queued frames. */
    qint64 queuedBytes() const { return m_queuedBytes; }
    /** Frames refused by a full queue or dropped by clear(). */
    quint64 droppedCount() const { return m_dropped; }
    quint64 sentCount() const { return m_sent; }
    const Policy &policy() const { return m_policy; }

private:
    void pump();
    void endWindow();

    Clock &m_clock;
    const Policy m_policy;
    SendFunction m_send;
    std::deque<QByteArray> m_queue;
    qint64 m_queuedBytes = 0;
    Clock::TimerId m_window = 0; // 0: no window open, the next frame may go at once
    int m_sentInWindow = 0;
    bool m_held = false;
    bool m_pumping = false;
    quint64 m_dropped = 0;
    quint64 m_sent = 0;
};
