// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <vector>

#include <QString>

#include "HeadlessNode.h"

/**
 * A set of HeadlessNode processes forming one test topology on loopback. Owns the nodes (they
 * are killed when the mesh goes) and knows the usual shapes: a chain where each node dials the
 * one before it, a ring (a chain whose last node also dials the first) and a star of leaves
 * dialing one hub. Only starts processes and answers questions about what they reported; the
 * tests decide what to wait for.
 */
class HeadlessMesh
{
public:
    HeadlessMesh() = default;
    HeadlessMesh(const HeadlessMesh &) = delete;
    HeadlessMesh &operator=(const HeadlessMesh &) = delete;
    ~HeadlessMesh();

    /** Starts a node; nullptr when it did not get ready. Dial targets go in options.peers. */
    HeadlessNode *add(HeadlessNode::Options options);
    /** Starts a node dialing the nodes at @p dialIndexes (already started). */
    HeadlessNode *addDialing(const QString &nick, const std::vector<int> &dialIndexes,
                             HeadlessNode::Options options = {});

    /** Node 0 first; each next node dials the one before. False when one did not start. */
    bool startChain(int count, HeadlessNode::Options options = {});
    /** A chain whose last node also dials the first. */
    bool startRing(int count, HeadlessNode::Options options = {});
    /** Node 0 is the hub; nodes 1…leaves dial it. */
    bool startStar(int leaves, HeadlessNode::Options options = {});

    int size() const { return int(m_nodes.size()); }
    HeadlessNode &at(int index) const { return *m_nodes.at(size_t(index)); }
    /** Index of the node with this peer ID, -1 when none. */
    int indexOf(const QString &peerId) const;

    /** Whether @p observer currently reports every node in @p subjects as present. */
    bool sees(int observer, const std::vector<int> &subjects) const;
    /** Whether every node reports every other node as present. */
    bool isFullyConnected() const;
    /** Whether every node except @p sender reported message @p id. */
    bool allReceived(const QString &id, int sender) const;

    /** Nicknames A, B, C, … by index. */
    static QString nameFor(int index);

private:
    std::vector<std::unique_ptr<HeadlessNode>> m_nodes;
};
