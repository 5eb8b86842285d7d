// SPDX-License-Identifier: GPL-3.0-or-later
#include "LoopWait.h"

#include <QEventLoop>
#include <QTimer>

namespace {
constexpr int PollMs = 5;
} // namespace

bool LoopWait::until(const std::function<bool()> &predicate, int timeoutMs)
{
    if (predicate())
        return true;
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (predicate())
            loop.quit();
    });
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    poll.start(PollMs);
    deadline.start(timeoutMs);
    loop.exec();
    return predicate();
}
