// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QByteArray>
#include <QFlags>
#include <QList>
#include <QString>

#include "LinkType.h"
#include "PeerId.h"

/** What this node knows of one other node on the mesh, from its verified announces. */
struct PeerInfo
{
    PeerId id;
    QString nickname;
    QByteArray noisePublicKey;
    QByteArray signingPublicKey;
    /** SHA-256 of the Noise static key (Identity::formatFingerprint to show it). */
    QByteArray fingerprint;
    /** 1 for a direct neighbour; more when its announce was relayed (assumes origin TTL 7). */
    int hops = 0;
    /** The link its latest announce arrived on, and that link's kind. */
    quint64 linkId = 0;
    LinkType linkType = LinkType::Ip;
    std::optional<int> rssi;
    QList<PeerId> directNeighbors;
    /** Epoch milliseconds, local clock. */
    qint64 firstSeenMs = 0;
    qint64 lastSeenMs = 0;
    /** The sender's timestamp on its latest accepted announce: older ones are replays. */
    quint64 announceTimestamp = 0;

    bool isDirect() const { return hops <= 1; }
};

/** Which parts of a PeerInfo an update changed, so views repaint only those. */
enum class PeerField : unsigned
{
    Nickname = 0x01,
    Hops = 0x02,
    Link = 0x04,
    Rssi = 0x08,
    LastSeen = 0x10,
    Neighbors = 0x20,
};
Q_DECLARE_FLAGS(PeerFields, PeerField)
Q_DECLARE_OPERATORS_FOR_FLAGS(PeerFields)
