// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/**
 * Whose frame Link::send() carries, which decides how full a send queue may get for it
 * (SendQueueGuard): a link that drains slowly refuses relays first and keeps room for what this
 * node says itself (its announces and messages), so a neighbour that never reads cannot make
 * the node hold other people's traffic for it without bound (issue 8 defect 5).
 */
enum class SendPriority
{
    Own,   ///< this node's own packet (originated here)
    Relay, ///< a packet another node sent, passed on
};
