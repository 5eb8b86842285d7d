// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>

#include <QtGlobal>

#include "CodecError.h"

/**
 * How many inputs the protocol layer refused, per reason. The codec and the reassembler record
 * into one instance handed to them; later layers read it to show the user what a noisy or hostile
 * peer sent. Not thread-safe: it lives on the event loop with its users.
 */
class RejectionCounters
{
public:
    /** Counts one rejection and logs it at debug level with @p context (e.g. the input size). */
    void record(CodecError error, qsizetype inputSize = -1);
    quint64 count(CodecError error) const { return m_counts[size_t(error)]; }
    quint64 total() const;

private:
    std::array<quint64, CodecErrorCount> m_counts{};
};
