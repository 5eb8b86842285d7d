// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include "PeerId.h"

/**
 * One public chat message as MessageStore keeps it, sent or received: a plain value. Times are
 * milliseconds since the Unix epoch (UTC).
 */
struct StoredMessage
{
    /** Where an own message stands; received messages are always Received. Stored as 0, 1, 2. */
    enum class Delivery
    {
        Queued = 0,
        Sent = 1,
        Received = 2
    };

    /** The database's row ID: grows with insertion order, the paging cursor. 0 until stored. */
    qint64 rowId = 0;
    /** PacketId::Size (16) bytes; unique in a store, so replays are recognised. */
    QByteArray packetId;
    PeerId senderId;
    /** The sender's nickname when the message arrived (it may have changed since). */
    QString senderNickname;
    QString text;
    /** The packet's own timestamp, as the sender's clock saw it. */
    qint64 timestampMs = 0;
    /** When this node received it; for an own message, when it was written (= timestampMs). */
    qint64 receivedAtMs = 0;
    /** When an own message was first handed to the links; 0 while queued and for received ones. */
    qint64 sentAtMs = 0;
    /** Relays between the sender and this node, as the mesh layer counted them; 0 for own. */
    int hops = 0;
    /** The signature checked out against the sender's announced signing key. */
    bool verified = false;
    /** Written by this node. */
    bool own = false;
    Delivery delivery = Delivery::Received;

    friend bool operator==(const StoredMessage &, const StoredMessage &) = default;
};
