// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

/**
 * What the kernel says about one process (Linux /proc): resident memory now (VmRSS) and at its
 * peak (VmHWM), and CPU time used. Sampling, it also keeps the highest VmRSS seen since the last
 * restart() and the CPU share over that span, so a benchmark can tell phases apart. Reads only;
 * owns nothing of the process.
 */
class ProcessProbe : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 MiB = 1024 * 1024;

    /** A `Vm…` field of /proc/@p pid/status in bytes ("VmRSS", "VmHWM"), -1 when unreadable. */
    static qint64 statusBytes(qint64 pid, const char *field);
    static qint64 rssBytes(qint64 pid) { return statusBytes(pid, "VmRSS"); }
    static qint64 peakRssBytes(qint64 pid) { return statusBytes(pid, "VmHWM"); }
    /** User + system CPU time of @p pid in ms, -1 when unreadable. */
    static qint64 cpuMs(qint64 pid);

    explicit ProcessProbe(qint64 pid, int intervalMs = 100, QObject *parent = nullptr);

    /** Starts a new span: peak and CPU share count from now. */
    void restart();
    /** The highest VmRSS sampled in this span, bytes. */
    qint64 spanPeakRssBytes() const { return m_spanPeak; }
    /** CPU time used in this span over its wall time, in % of one core. */
    double spanCpuPercent() const;

private:
    void sample();

    qint64 m_pid;
    QTimer m_timer;
    QElapsedTimer m_span;
    qint64 m_spanCpuStartMs = 0;
    qint64 m_spanPeak = 0;
};
