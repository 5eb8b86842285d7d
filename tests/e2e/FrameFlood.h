// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <optional>

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>

class HostilePeer;

/**
 * Sends frames from a generator through a HostilePeer as fast as the node takes them, for a
 * bounded time or count (issue 8, floods). The socket's queue is kept short, so the rate is what
 * the node reads, not what this process can buffer, and the event loop keeps running between
 * batches (node output is read, honest traffic is sent). Uses (does not own) the peer.
 */
class FrameFlood : public QObject
{
    Q_OBJECT
public:
    /** The frame with this index, or nullopt to end the flood early. */
    using Generator = std::function<std::optional<QByteArray>(qint64 index)>;

    struct Limits
    {
        qint64 durationMs = 10000;
        qint64 maxFrames = -1;           ///< -1: no limit
        double maxPerSecond = 0;         ///< 0: as fast as the node reads
        qint64 maxQueuedBytes = 1 << 20; ///< written but not yet on the socket
    };

    FrameFlood(HostilePeer &peer, Generator generator, QObject *parent = nullptr);

    void start(const Limits &limits);
    void stop();
    bool isRunning() const { return m_running; }
    /** Waits for the flood to end by its limits; false when it did not within @p timeoutMs. */
    bool waitFinished(int timeoutMs);

    qint64 framesSent() const { return m_frames; }
    qint64 bytesSent() const { return m_bytes; }
    qint64 elapsedMs() const;
    double framesPerSecond() const;

Q_SIGNALS:
    void finished();

private:
    void pump();
    void schedule();

    HostilePeer &m_peer;
    Generator m_generator;
    Limits m_limits;
    QElapsedTimer m_clock;
    qint64 m_frames = 0;
    qint64 m_bytes = 0;
    qint64 m_endedMs = -1;
    quint64 m_run = 0;
    bool m_running = false;
    bool m_scheduled = false;
};
