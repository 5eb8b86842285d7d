// SPDX-License-Identifier: GPL-3.0-or-later
#include "SystemClock.h"

#include <QDateTime>
#include <QTimer>

#include <algorithm>
#include <limits>

SystemClock::SystemClock(QObject *parent)
    : QObject(parent)
{
    m_elapsed.start();
}

SystemClock::~SystemClock() = default;

qint64 SystemClock::monotonicMs() const
{
    return m_elapsed.elapsed();
}

qint64 SystemClock::epochMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

Clock::TimerId SystemClock::callAfter(qint64 delayMs, QObject *context,
                                      std::function<void()> callback)
{
    const TimerId id = m_nextId++;
    auto *timer = new QTimer(context);
    timer->setSingleShot(true);
    timer->setTimerType(Qt::PreciseTimer);
    connect(timer, &QTimer::timeout, timer, [this, id, timer, callback = std::move(callback)] {
        m_timers.remove(id);
        timer->deleteLater();
        callback();
    });
    m_timers.insert(id, timer);
    timer->start(int(std::clamp<qint64>(delayMs, 0, std::numeric_limits<int>::max())));
    return id;
}

void SystemClock::cancel(TimerId id)
{
    if (QPointer<QTimer> timer = m_timers.take(id)) {
        timer->stop();
        timer->deleteLater();
    }
}
