// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>

#include "Clock.h"

class QTimer;

/** The real clock: QElapsedTimer for monotonic time, single-shot QTimers for calls. */
class SystemClock final : public QObject, public Clock
{
    Q_OBJECT
public:
    explicit SystemClock(QObject *parent = nullptr);
    ~SystemClock() override;

    qint64 monotonicMs() const override;
    qint64 epochMs() const override;
    TimerId callAfter(qint64 delayMs, QObject *context, std::function<void()> callback) override;
    void cancel(TimerId id) override;

private:
    QElapsedTimer m_elapsed;
    QHash<TimerId, QPointer<QTimer>> m_timers;
    TimerId m_nextId = 1;
};
