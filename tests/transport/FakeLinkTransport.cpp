// SPDX-License-Identifier: GPL-3.0-or-later
#include "FakeLinkTransport.h"

#include "Clock.h"
#include "FakeLink.h"

FakeLinkTransport::FakeLinkTransport(const Clock &clock, QObject *parent)
    : LinkTransport(parent)
    , m_clock(clock)
{}

bool FakeLinkTransport::start()
{
    m_running = true;
    Q_EMIT stateChanged();
    return true;
}

void FakeLinkTransport::dial(const QString &address)
{
    m_dials.append(Dial{address, m_clock.monotonicMs()});
}

FakeLink *FakeLinkTransport::answerDial(const QString &address, FakeLink *remoteEnd)
{
    auto *link = new FakeLink(true, address, this);
    if (remoteEnd)
        FakeLink::pair(link, remoteEnd);
    Q_EMIT linkOpened(link);
    return link;
}

void FakeLinkTransport::failDial(const QString &address, const QString &reason)
{
    Q_EMIT dialFailed(address, reason);
}

FakeLink *FakeLinkTransport::acceptIncoming(const QString &address, FakeLink *remoteEnd)
{
    auto *link = new FakeLink(false, address, this);
    if (remoteEnd)
        FakeLink::pair(link, remoteEnd);
    Q_EMIT linkOpened(link);
    return link;
}

FakeLinkTransport::Connection FakeLinkTransport::openConnection(FakeLinkTransport &dialer,
                                                                const QString &dialedAddress,
                                                                FakeLinkTransport &acceptor,
                                                                const QString &callerAddress)
{
    auto *dialed = new FakeLink(true, dialedAddress, &dialer);
    auto *accepted = new FakeLink(false, callerAddress, &acceptor);
    FakeLink::pair(dialed, accepted);
    Q_EMIT dialer.linkOpened(dialed);
    Q_EMIT acceptor.linkOpened(accepted);
    return {dialed, accepted};
}
