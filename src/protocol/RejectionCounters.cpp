// SPDX-License-Identifier: GPL-3.0-or-later
#include "RejectionCounters.h"

#include <numeric>

#include "ProtocolLog.h"

void RejectionCounters::record(CodecError error, qsizetype inputSize)
{
    ++m_counts[size_t(error)];
    qCDebug(lcProtocol) << "rejected input:" << codecErrorName(error) << "size" << inputSize;
}

quint64 RejectionCounters::total() const
{
    return std::accumulate(m_counts.begin(), m_counts.end(), quint64(0));
}
