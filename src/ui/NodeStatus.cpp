// SPDX-License-Identifier: GPL-3.0-or-later
#include "NodeStatus.h"

#include "LinkManager.h"
#include "LinkTransport.h"
#include "MeshRouter.h"

namespace {
LinkTransport *transportOf(const MeshNode *node, LinkType type)
{
    if (!node)
        return nullptr;
    for (LinkTransport *transport : node->links().transports()) {
        if (transport->type() == type)
            return transport;
    }
    return nullptr;
}
} // namespace

NodeStatus::NodeStatus(QObject *parent)
    : QObject(parent)
{}

void NodeStatus::setNode(MeshNode *node)
{
    if (m_node == node)
        return;
    if (m_node) {
        disconnect(m_node, nullptr, this, nullptr);
        disconnect(&m_node->links(), nullptr, this, nullptr);
        disconnect(&m_node->router(), nullptr, this, nullptr);
    }
    m_node = node;
    if (m_node) {
        connect(m_node, &MeshNode::nicknameChanged, this, &NodeStatus::nicknameChanged);
        connect(m_node, &MeshNode::linksChanged, this, &NodeStatus::linksChanged);
        connect(&m_node->links(), &LinkManager::transportsChanged, this,
                &NodeStatus::transportsChanged);
        connect(&m_node->router(), &MeshRouter::countersChanged, this,
                &NodeStatus::countersChanged);
    }
    Q_EMIT nodeChanged();
    Q_EMIT nicknameChanged();
    Q_EMIT transportsChanged();
    Q_EMIT linksChanged();
    Q_EMIT countersChanged();
}

QString NodeStatus::nickname() const
{
    return m_node ? m_node->nickname() : QString();
}

QString NodeStatus::fingerprint() const
{
    return m_node ? m_node->fingerprint() : QString();
}

QString NodeStatus::shortFingerprint() const
{
    return m_node ? m_node->shortFingerprint() : QString();
}

NodeStatus::BluetoothState NodeStatus::bluetoothState() const
{
    const LinkTransport *ble = transportOf(m_node, LinkType::Ble);
    if (!ble)
        return Disabled;
    switch (ble->state()) {
    case TransportState::Off:
        return Off;
    case TransportState::Unavailable:
    case TransportState::Failed:
        return NoAdapter;
    case TransportState::Starting:
    case TransportState::Partial:
        return Scanning;
    case TransportState::Running:
        return Advertising;
    case TransportState::NeedsPermission:
        return NeedsPermission;
    }
    return Off;
}

QString NodeStatus::bluetoothText() const
{
    const LinkTransport *ble = transportOf(m_node, LinkType::Ble);
    if (!ble)
        return tr("Bluetooth not in use");
    const QString text = ble->statusText();
    return text.isEmpty() ? tr("Bluetooth") : text;
}

QString NodeStatus::ipAddress() const
{
    const LinkTransport *ip = transportOf(m_node, LinkType::Ip);
    return ip && ip->isRunning() ? ip->statusText() : QString();
}

QString NodeStatus::lanDiscoveryText() const
{
    const LinkTransport *ip = transportOf(m_node, LinkType::Ip);
    const QString text = ip ? ip->discoveryText() : QString();
    return text.isEmpty() ? tr("LAN discovery off") : text;
}

int NodeStatus::linkCount() const
{
    return m_node ? m_node->linkCount() : 0;
}

int NodeStatus::linkLimit() const
{
    return m_node ? m_node->linkLimit() : 0;
}

int NodeStatus::rejectedPackets() const
{
    if (!m_node)
        return 0;
    const RouterCounters &counters = m_node->router().counters();
    return int(m_node->router().rejections().total() + counters.forged + counters.replayed +
               counters.keyConflicts + counters.unknownSenderDropped + counters.rateLimited +
               counters.badPayload);
}
