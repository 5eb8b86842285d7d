// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QRandomGenerator>

#include "FakeLink.h"
#include "FakeLinkTransport.h"
#include "Identity.h"
#include "LinkManager.h"
#include "MeshRouter.h"
#include "MessageType.h"
#include "PeerTable.h"
#include "VirtualClock.h"

/** One node under test: its router, peer table and link manager over fake links, in virtual time.
 */
struct RouterHarness
{
    static constexpr qint64 PastJitterMs = 300;

    VirtualClock clock;
    QRandomGenerator random{42};
    Identity self = Identity::generate();
    FakeLinkTransport transport{clock};
    // The fake neighbours here announce only when a test says so; the links' own announce
    // deadline (LinkManagerTest covers it) must not cut them off while time is advanced.
    LinkManager links{self.peerId(), clock, &random, LinkManager::Config{16, 0}};
    PeerTable peers;
    MeshRouter router;

    explicit RouterHarness(MeshRouter::Config config = {})
        : router(self.peerId(), links, peers, clock, &random, config)
    {
        links.addTransport(&transport);
    }

    FakeLink *openLink(const QString &name) { return transport.acceptIncoming(name); }
    void deliver(FakeLink *link, const QByteArray &frame) { Q_EMIT link->frameReceived(frame); }
    void settle() { clock.advance(PastJitterMs); }
};

/** Every frame @p link was asked to send, decoded. */
QList<Packet> receivedBy(const FakeLink *link);
/** How many frames of @p type @p link was asked to send. */
int countOfType(const FakeLink *link, MessageType type);
