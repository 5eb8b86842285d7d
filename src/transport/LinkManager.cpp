// SPDX-License-Identifier: GPL-3.0-or-later
#include "LinkManager.h"

#include <algorithm>

#include "Clock.h"
#include "Link.h"
#include "LinkTransport.h"
#include "StaticPeerDialer.h"
#include "TransportLog.h"

namespace {
LinkManager::Config withLimit(int linkLimit)
{
    LinkManager::Config config;
    config.linkLimit = linkLimit;
    return config;
}
} // namespace

LinkManager::LinkManager(const PeerId &localPeer, Clock &clock, QRandomGenerator *random,
                         int linkLimit, QObject *parent)
    : LinkManager(localPeer, clock, random, withLimit(linkLimit), parent)
{}

LinkManager::LinkManager(const PeerId &localPeer, Clock &clock, QRandomGenerator *random,
                         Config config, QObject *parent)
    : QObject(parent)
    , m_localPeer(localPeer)
    , m_clock(clock)
    , m_random(random)
    , m_config(config)
{
    Q_ASSERT(random);
    m_config.linkLimit = std::max(0, m_config.linkLimit);
}

LinkManager::~LinkManager()
{
    // Links die with us as children; their last signals must not reach a half-destroyed manager.
    for (Link *link : std::as_const(m_links)) {
        disconnect(link, nullptr, this, nullptr);
        m_clock.cancel(m_usage.value(link).announceDeadline);
    }
}

void LinkManager::addTransport(LinkTransport *transport)
{
    if (!transport || m_transports.contains(transport))
        return;
    m_transports.append(transport);
    connect(transport, &LinkTransport::stateChanged, this, &LinkManager::transportsChanged);
    Q_EMIT transportsChanged();
    connect(transport, &LinkTransport::linkOpened, this,
            [this, transport](Link *link) { takeLink(transport, link); });
    connect(transport, &LinkTransport::dialFailed, this,
            [this, transport](const QString &address, const QString &reason) {
                handleDialFailed(transport, address, reason);
            });
}

void LinkManager::setLinkLimit(int limit)
{
    limit = std::max(0, limit);
    if (limit == m_config.linkLimit)
        return;
    m_config.linkLimit = limit;
    Q_EMIT countChanged();
}

int LinkManager::availableSlots() const
{
    return std::max(0, m_config.linkLimit - linkCount());
}

Link *LinkManager::linkToPeer(const PeerId &peer) const
{
    const auto it = std::find_if(m_links.cbegin(), m_links.cend(),
                                 [&peer](const Link *link) { return link->remotePeer() == peer; });
    return it == m_links.cend() ? nullptr : *it;
}

void LinkManager::addStaticPeer(LinkTransport *transport, const QString &address)
{
    if (!transport)
        return;
    addTransport(transport);
    auto *dialer = new StaticPeerDialer(*transport, address, m_clock,
                                        ReconnectBackoff(m_reconnectPolicy, m_random), this);
    m_dialers.append(dialer);
    dialer->dialNow();
}

void LinkManager::bindRemotePeer(Link *link, const PeerId &remote)
{
    if (!m_links.contains(link)) {
        qCWarning(lcTransport) << "bindRemotePeer: link" << (link ? link->id() : 0) << "not open";
        return;
    }
    if (link->remotePeer() == remote)
        return;
    if (remote == m_localPeer) {
        link->close(SelfLinkReason);
        return;
    }
    const auto other =
        std::find_if(m_links.cbegin(), m_links.cend(), [link, &remote](const Link *candidate) {
            return candidate != link && candidate->remotePeer() == remote;
        });
    link->setRemotePeer(remote);
    Usage &usage = m_usage[link];
    m_clock.cancel(usage.announceDeadline);
    usage.announceDeadline = 0;
    usage.lastFrameMs = m_clock.monotonicMs(); // the announce itself
    if (StaticPeerDialer *dialer = dialerOf(link))
        dialer->linkBound(remote);
    qCDebug(lcTransport) << "link" << link->id() << "reaches" << remote.toHex();
    if (other == m_links.cend())
        return;
    Link *survivor = survivorOf(*other, link, remote);
    Link *loser = survivor == link ? *other : link;
    qCInfo(lcTransport) << "two links reach" << remote.toHex() << "- keeping" << survivor->id()
                        << "closing" << loser->id();
    loser->close(DuplicateLinkReason);
}

SendResult LinkManager::sendTo(Link *link, const QByteArray &frame, SendPriority priority)
{
    if (!m_links.contains(link) || !link->isOpen())
        return SendResult::Closed;
    const SendResult result = link->send(frame, priority);
    if (result == SendResult::QueueFull)
        ++m_queueFull[size_t(priority)];
    return result;
}

int LinkManager::broadcast(const QByteArray &frame, Link *except, SendPriority priority)
{
    int sent = 0;
    const QList<Link *> targets = m_links; // a send may close a link and change m_links
    for (Link *link : targets) {
        if (link != except && sendTo(link, frame, priority) == SendResult::Accepted)
            ++sent;
    }
    return sent;
}

void LinkManager::takeLink(LinkTransport *transport, Link *link)
{
    if (!link)
        return;
    if (!link->isOpen()) {
        link->deleteLater();
        return;
    }
    if (!makeRoomFor(link)) {
        refuseLink(transport, link, LinkLimitReason);
        return;
    }
    link->setParent(this);
    m_links.append(link);
    Usage &usage = m_usage[link];
    usage.openedAtMs = m_clock.monotonicMs();
    if (m_config.announceDeadlineMs > 0) {
        usage.announceDeadline = m_clock.callAfter(m_config.announceDeadlineMs, link,
                                                   [this, link] { expireUnbound(link); });
    }
    connect(link, &Link::closed, this,
            [this, link](const QString &reason) { dropLink(link, reason); });
    connect(link, &Link::frameReceived, this, [this, link](const QByteArray &frame) {
        m_usage[link].lastFrameMs = m_clock.monotonicMs();
        Q_EMIT frameReceived(link, frame);
    });
    const auto dialer = std::find_if(m_dialers.cbegin(), m_dialers.cend(),
                                     [transport, link](const StaticPeerDialer *candidate) {
                                         return candidate->isAnswerTo(transport, link);
                                     });
    if (dialer != m_dialers.cend())
        (*dialer)->linkUp(link);
    qCInfo(lcTransport) << "link" << link->id() << (link->isOutgoing() ? "to" : "from")
                        << link->remoteAddress() << "added," << linkCount() << "of"
                        << m_config.linkLimit;
    Q_EMIT linkAdded(link);
    Q_EMIT countChanged();
}

bool LinkManager::makeRoomFor(const Link *newcomer)
{
    if (availableSlots() > 0)
        return true;
    Link *victim = leastUsefulLink();
    if (!victim)
        return false;
    qCInfo(lcTransport) << "all" << m_config.linkLimit << "slots taken: closing link"
                        << victim->id() << "to" << victim->remoteAddress() << "for link"
                        << newcomer->id() << "from" << newcomer->remoteAddress();
    victim->close(EvictedReason); // links close at once: its slot is free now
    return availableSlots() > 0 && newcomer->isOpen();
}

Link *LinkManager::leastUsefulLink() const
{
    // The rule is spelled out in the class comment; lower rank goes first, then lower key.
    const qint64 now = m_clock.monotonicMs();
    Link *best = nullptr;
    int bestRank = 0;
    qint64 bestKey = 0;
    for (Link *link : m_links) {
        const Usage usage = m_usage.value(link);
        int rank = 0;
        qint64 key = 0;
        if (!link->remotePeer()) {
            if (now - usage.openedAtMs < m_config.evictionGraceMs)
                continue; // may still be announcing
            rank = usage.lastFrameMs < 0 ? 1 : 2;
            key = usage.openedAtMs;
        } else {
            if (now - usage.lastFrameMs < m_config.idleAfterMs)
                continue; // an active neighbour is never pushed out
            rank = 3;
            key = usage.lastFrameMs;
        }
        if (!best || rank < bestRank || (rank == bestRank && key < bestKey)) {
            best = link;
            bestRank = rank;
            bestKey = key;
        }
    }
    return best;
}

void LinkManager::expireUnbound(Link *link)
{
    if (!m_links.contains(link))
        return;
    Usage &usage = m_usage[link];
    usage.announceDeadline = 0;
    if (link->remotePeer())
        return;
    qCInfo(lcTransport) << "link" << link->id() << "from" << link->remoteAddress() << "sent no"
                        << "announce within" << m_config.announceDeadlineMs << "ms";
    link->close(NoAnnounceReason);
}

void LinkManager::refuseLink(LinkTransport *transport, Link *link, const QString &reason)
{
    qCInfo(lcTransport) << "refusing link" << link->id() << "from" << link->remoteAddress() << "-"
                        << reason;
    ++m_closedCounts[reason];
    const auto dialer = std::find_if(m_dialers.cbegin(), m_dialers.cend(),
                                     [transport, link](const StaticPeerDialer *candidate) {
                                         return candidate->isAnswerTo(transport, link);
                                     });
    link->close(reason);
    link->deleteLater();
    if (dialer != m_dialers.cend())
        (*dialer)->dialFailed(reason);
}

void LinkManager::dropLink(Link *link, const QString &reason)
{
    if (!m_links.removeOne(link))
        return;
    disconnect(link, nullptr, this, nullptr);
    m_clock.cancel(m_usage.take(link).announceDeadline);
    ++m_closedCounts[reason];
    qCInfo(lcTransport) << "link" << link->id() << "removed:" << reason;
    Q_EMIT linkRemoved(link, reason);
    Q_EMIT countChanged();
    link->deleteLater();

    // Static peers react last: a redial may answer synchronously and add a link.
    const std::optional<PeerId> peer = link->remotePeer();
    const bool peerStillReached = peer && linkToPeer(*peer);
    const QList<StaticPeerDialer *> dialers = m_dialers;
    for (StaticPeerDialer *dialer : dialers) {
        if (dialer->link() == link) {
            dialer->linkDown(peerStillReached);
        } else if (peer && !peerStillReached && dialer->peer() == peer) {
            dialer->coverLost();
        }
    }
}

void LinkManager::handleDialFailed(LinkTransport *transport, const QString &address,
                                   const QString &reason)
{
    const QList<StaticPeerDialer *> dialers = m_dialers;
    for (StaticPeerDialer *dialer : dialers) {
        if (dialer->transport() == transport && dialer->address() == address &&
            dialer->state() == StaticPeerDialer::State::Dialing)
            dialer->dialFailed(reason);
    }
}

Link *LinkManager::survivorOf(Link *first, Link *second, const PeerId &remote) const
{
    if (first->isOutgoing() == second->isOutgoing())
        return first;
    // Both ends reach the same answer: the connection dialed by the lower peer ID survives.
    const bool keepOutgoing = m_localPeer < remote;
    return first->isOutgoing() == keepOutgoing ? first : second;
}

StaticPeerDialer *LinkManager::dialerOf(const Link *link) const
{
    const auto it =
        std::find_if(m_dialers.cbegin(), m_dialers.cend(),
                     [link](const StaticPeerDialer *dialer) { return dialer->link() == link; });
    return it == m_dialers.cend() ? nullptr : *it;
}

QList<LinkTransport *> LinkManager::transports() const
{
    QList<LinkTransport *> alive;
    for (const QPointer<LinkTransport> &transport : m_transports) {
        if (transport)
            alive.append(transport);
    }
    return alive;
}
