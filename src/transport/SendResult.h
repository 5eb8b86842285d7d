// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLatin1StringView>

/** What Link::send() did with a frame (issue 8: the caller learns when a link refuses). */
enum class SendResult
{
    Accepted,  ///< queued for the other end
    Closed,    ///< the link is closed (or not one of the manager's); nothing was queued
    TooLarge,  ///< the frame is over the link's mtu()
    QueueFull, ///< the link's send queue is over the bound for this priority; frame dropped
};

/** A short lowercase name for logs ("queue full"). */
constexpr QLatin1StringView sendResultName(SendResult result)
{
    switch (result) {
    case SendResult::Accepted:
        return QLatin1StringView("accepted");
    case SendResult::Closed:
        return QLatin1StringView("closed");
    case SendResult::TooLarge:
        return QLatin1StringView("too large");
    case SendResult::QueueFull:
        return QLatin1StringView("queue full");
    }
    return QLatin1StringView("?");
}
