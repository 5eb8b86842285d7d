// SPDX-License-Identifier: GPL-3.0-or-later
#include "NodeHarness.h"

NodeHarness::NodeHarness(const QString &databasePath, Identity identity, const QString &nickname)
{
    store.open(databasePath);
    links.addTransport(&transport);
    MeshNode::Config config;
    config.nickname = nickname;
    node = std::make_unique<MeshNode>(std::move(identity), store, links, clock, &random, config);
}
