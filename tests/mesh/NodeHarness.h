// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QRandomGenerator>

#include "FakeLinkTransport.h"
#include "Identity.h"
#include "LinkManager.h"
#include "MeshNode.h"
#include "MessageStore.h"
#include "VirtualClock.h"

/**
 * A MeshNode as tests drive it: its own history file, fake links, a virtual clock and a fixed
 * random seed. Neighbours are played by opening links on `transport` and emitting frames on them.
 */
struct NodeHarness
{
    explicit NodeHarness(const QString &databasePath, Identity identity = Identity::generate(),
                         const QString &nickname = QStringLiteral("me"));

    VirtualClock clock;
    QRandomGenerator random{7};
    MessageStore store;
    FakeLinkTransport transport{clock};
    LinkManager links{PeerId(), clock, &random, 8};
    std::unique_ptr<MeshNode> node;
};
