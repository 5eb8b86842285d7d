// SPDX-License-Identifier: GPL-3.0-or-later
#include "FakeLink.h"

using namespace Qt::StringLiterals;

FakeLink::FakeLink(bool outgoing, const QString &remoteAddress, QObject *parent)
    : Link(outgoing, parent)
    , m_remoteAddress(remoteAddress)
{
    connect(this, &Link::closed, this, [this](const QString &reason) { m_closeReason = reason; });
}

void FakeLink::pair(FakeLink *a, FakeLink *b)
{
    a->m_peer = b;
    b->m_peer = a;
}

SendResult FakeLink::send(const QByteArray &frame, SendPriority priority)
{
    if (!isOpen())
        return SendResult::Closed;
    if (m_result != SendResult::Accepted)
        return m_result;
    m_sent.append(frame);
    m_priorities.append(priority);
    if (m_peer && m_peer->isOpen())
        Q_EMIT m_peer->frameReceived(frame);
    return SendResult::Accepted;
}

void FakeLink::close(const QString &reason)
{
    const QPointer<FakeLink> peer = m_peer;
    if (!finish(reason))
        return;
    if (peer)
        peer->finish(u"remote closed: "_s + reason);
}
