// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProcessProbe.h"

#include <QFile>

#include <unistd.h>

qint64 ProcessProbe::statusBytes(qint64 pid, const char *field)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (pid <= 0 || !status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(prefix)) // "VmRSS:     27340 kB"
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toLongLong() * 1024;
    }
    return -1;
}

qint64 ProcessProbe::cpuMs(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (pid <= 0 || !stat.open(QIODevice::ReadOnly))
        return -1;
    // proc(5): the command name is in parentheses and may hold spaces; utime and stime are
    // fields 14 and 15, i.e. the 12th and 13th after the closing parenthesis.
    const QByteArray line = stat.readAll();
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    const qint64 ticks = fields.at(11).toLongLong() + fields.at(12).toLongLong();
    return ticks * 1000 / sysconf(_SC_CLK_TCK);
}

ProcessProbe::ProcessProbe(qint64 pid, int intervalMs, QObject *parent)
    : QObject(parent)
    , m_pid(pid)
{
    connect(&m_timer, &QTimer::timeout, this, &ProcessProbe::sample);
    m_timer.start(intervalMs);
    restart();
}

void ProcessProbe::restart()
{
    m_span.start();
    m_spanCpuStartMs = cpuMs(m_pid);
    m_spanPeak = 0;
    sample();
}

double ProcessProbe::spanCpuPercent() const
{
    const qint64 wall = m_span.elapsed();
    const qint64 cpu = cpuMs(m_pid);
    if (wall <= 0 || cpu < 0 || m_spanCpuStartMs < 0)
        return -1;
    return 100.0 * double(cpu - m_spanCpuStartMs) / double(wall);
}

void ProcessProbe::sample()
{
    m_spanPeak = std::max(m_spanPeak, rssBytes(m_pid));
}
