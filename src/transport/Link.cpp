// SPDX-License-Identifier: GPL-3.0-or-later
#include "Link.h"

#include <atomic>

#include "TransportLog.h"

namespace {
std::atomic<quint64> nextLinkId{1};
} // namespace

Link::Link(bool outgoing, QObject *parent)
    : QObject(parent)
    , m_id(nextLinkId.fetch_add(1, std::memory_order_relaxed))
    , m_outgoing(outgoing)
{}

Link::~Link() = default;

bool Link::finish(const QString &reason)
{
    if (m_closed)
        return false;
    m_closed = true;
    qCDebug(lcTransport) << "link" << m_id << "closed:" << reason;
    Q_EMIT closed(reason);
    return true;
}
