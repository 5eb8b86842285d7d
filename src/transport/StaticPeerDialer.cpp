// SPDX-License-Identifier: GPL-3.0-or-later
#include "StaticPeerDialer.h"

#include "Link.h"
#include "LinkTransport.h"
#include "TransportLog.h"

StaticPeerDialer::StaticPeerDialer(LinkTransport &transport, const QString &address, Clock &clock,
                                   ReconnectBackoff backoff, QObject *parent)
    : QObject(parent)
    , m_transport(&transport)
    , m_address(address)
    , m_clock(clock)
    , m_backoff(backoff)
{}

StaticPeerDialer::~StaticPeerDialer()
{
    m_clock.cancel(m_retryTimer);
}

bool StaticPeerDialer::isAnswerTo(const LinkTransport *transport, const Link *link) const
{
    return m_state == State::Dialing && transport == m_transport && link->isOutgoing() &&
           link->remoteAddress() == m_address;
}

void StaticPeerDialer::dialNow()
{
    m_clock.cancel(m_retryTimer);
    m_retryTimer = 0;
    if (!m_transport)
        return;
    m_state = State::Dialing;
    qCDebug(lcTransport) << "dialing static peer" << m_address;
    m_transport->dial(m_address); // may answer synchronously
}

void StaticPeerDialer::dialFailed(const QString &reason)
{
    qCDebug(lcTransport) << "static peer" << m_address << "unreachable:" << reason;
    scheduleRetry();
}

void StaticPeerDialer::linkUp(Link *link)
{
    m_state = State::Up;
    m_link = link;
    m_upSinceMs = m_clock.monotonicMs();
}

void StaticPeerDialer::linkDown(bool covered)
{
    m_link = nullptr;
    if (m_clock.monotonicMs() - m_upSinceMs >= m_backoff.policy().resetAfterMs)
        m_backoff.reset();
    if (covered) {
        m_state = State::Covered;
        m_backoff.reset();
        return;
    }
    scheduleRetry();
}

void StaticPeerDialer::coverLost()
{
    if (m_state == State::Covered)
        scheduleRetry();
}

void StaticPeerDialer::scheduleRetry()
{
    m_clock.cancel(m_retryTimer);
    m_state = State::Waiting;
    const qint64 delay = m_backoff.nextDelayMs();
    qCDebug(lcTransport) << "redialing" << m_address << "in" << delay << "ms";
    m_retryTimer = m_clock.callAfter(delay, this, [this] {
        m_retryTimer = 0;
        dialNow();
    });
}
