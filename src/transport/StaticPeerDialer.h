// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QObject>
#include <QPointer>
#include <QString>

#include "Clock.h"
#include "PeerId.h"
#include "ReconnectBackoff.h"

class Link;
class LinkTransport;

/**
 * Keeps one configured address connected: dials it, and after a failed dial or a lost link
 * dials again on the ReconnectBackoff schedule, through the Clock. Owns its schedule and pending
 * timer; uses (does not own) the transport and the link. LinkManager feeds it the events that
 * concern its address; it never touches the manager.
 *
 * "Covered" means our own link was dropped because another live link already reaches the same
 * node (the duplicate-link rule): the dialer then waits, without timer, until that link ends.
 */
class StaticPeerDialer : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Waiting, ///< a retry is scheduled
        Dialing, ///< dial() called, no answer yet
        Up,      ///< our link is open
        Covered, ///< another link reaches the same node
    };

    StaticPeerDialer(LinkTransport &transport, const QString &address, Clock &clock,
                     ReconnectBackoff backoff, QObject *parent = nullptr);
    ~StaticPeerDialer() override;

    LinkTransport *transport() const { return m_transport; }
    QString address() const { return m_address; }
    State state() const { return m_state; }
    Link *link() const { return m_link; }
    /** The node behind the address, once a link to it was bound. */
    std::optional<PeerId> peer() const { return m_peer; }

    /** True when @p link is what our pending dial produced: outgoing, same transport and address.
     */
    bool isAnswerTo(const LinkTransport *transport, const Link *link) const;

    /** Dials now, cancelling any scheduled retry. */
    void dialNow();
    /** The dial failed, or its link was refused before use; schedules a retry. */
    void dialFailed(const QString &reason);
    void linkUp(Link *link);
    void linkBound(const PeerId &peer) { m_peer = peer; }
    /** Our link ended; @p covered tells whether another live link reaches the same node. */
    void linkDown(bool covered);
    /** The link that covered for ours ended; schedules a retry. */
    void coverLost();

private:
    void scheduleRetry();

    QPointer<LinkTransport> m_transport;
    const QString m_address;
    Clock &m_clock;
    ReconnectBackoff m_backoff;
    State m_state = State::Waiting;
    Clock::TimerId m_retryTimer = 0;
    QPointer<Link> m_link;
    qint64 m_upSinceMs = 0;
    std::optional<PeerId> m_peer;
};
