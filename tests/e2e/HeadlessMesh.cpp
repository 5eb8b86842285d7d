// SPDX-License-Identifier: GPL-3.0-or-later
#include "HeadlessMesh.h"

#include <algorithm>

HeadlessMesh::~HeadlessMesh()
{
    // Kill every process before any is waited on, so none sees its neighbours go one by one.
    for (const auto &node : m_nodes)
        node->kill();
}

HeadlessNode *HeadlessMesh::add(HeadlessNode::Options options)
{
    auto node = std::make_unique<HeadlessNode>(std::move(options));
    if (!node->start())
        return nullptr;
    m_nodes.push_back(std::move(node));
    return m_nodes.back().get();
}

HeadlessNode *HeadlessMesh::addDialing(const QString &nick, const std::vector<int> &dialIndexes,
                                       HeadlessNode::Options options)
{
    options.nick = nick;
    for (const int index : dialIndexes)
        options.peers.append(at(index).listenUrl());
    return add(std::move(options));
}

bool HeadlessMesh::startChain(int count, HeadlessNode::Options options)
{
    for (int i = 0; i < count; ++i) {
        const std::vector<int> dial = i == 0 ? std::vector<int>{} : std::vector<int>{i - 1};
        if (!addDialing(nameFor(i), dial, options))
            return false;
    }
    return true;
}

bool HeadlessMesh::startRing(int count, HeadlessNode::Options options)
{
    for (int i = 0; i < count; ++i) {
        std::vector<int> dial;
        if (i > 0)
            dial.push_back(i - 1);
        if (i == count - 1 && count > 2)
            dial.push_back(0);
        if (!addDialing(nameFor(i), dial, options))
            return false;
    }
    return true;
}

bool HeadlessMesh::startStar(int leaves, HeadlessNode::Options options)
{
    HeadlessNode::Options hub = options;
    hub.maxLinks = std::max(leaves + 1, 8);
    if (!addDialing(QStringLiteral("Hub"), {}, hub))
        return false;
    for (int i = 1; i <= leaves; ++i) {
        if (!addDialing(nameFor(i - 1), {0}, options))
            return false;
    }
    return true;
}

int HeadlessMesh::indexOf(const QString &peerId) const
{
    for (int i = 0; i < size(); ++i) {
        if (at(i).peerId() == peerId)
            return i;
    }
    return -1;
}

bool HeadlessMesh::sees(int observer, const std::vector<int> &subjects) const
{
    const QSet<QString> present = at(observer).presentPeers();
    return std::all_of(subjects.begin(), subjects.end(),
                       [&](int subject) { return present.contains(at(subject).peerId()); });
}

bool HeadlessMesh::isFullyConnected() const
{
    for (int observer = 0; observer < size(); ++observer) {
        std::vector<int> others;
        for (int i = 0; i < size(); ++i) {
            if (i != observer)
                others.push_back(i);
        }
        if (!sees(observer, others))
            return false;
    }
    return true;
}

bool HeadlessMesh::allReceived(const QString &id, int sender) const
{
    for (int i = 0; i < size(); ++i) {
        if (i != sender && at(i).messages(id).isEmpty())
            return false;
    }
    return true;
}

QString HeadlessMesh::nameFor(int index)
{
    return QString(QChar(u'A' + index));
}
