// SPDX-License-Identifier: GPL-3.0-or-later
#include "RelayRateLimiter.h"

RelayRateLimiter::RelayRateLimiter(double perSecond, double burst, int maxSenders)
    : m_buckets({perSecond, burst}, maxSenders)
{}
