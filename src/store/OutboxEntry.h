// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

/**
 * An own message still waiting to be sent, as MessageStore::pendingOutbox() lists it: the exact
 * signed frame to hand to the links, so a resend (even after a restart) is byte-identical and
 * keeps its packet ID and signature. A plain value.
 */
struct OutboxEntry
{
    qint64 rowId = 0;
    QByteArray packetId;
    /** The packet timestamp, ms since the Unix epoch. */
    qint64 timestampMs = 0;
    QByteArray signedFrame;

    friend bool operator==(const OutboxEntry &, const OutboxEntry &) = default;
};
