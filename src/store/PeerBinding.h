// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include "PeerId.h"

/** One peer ID pinned to the signing key it first announced (trust on first use). */
struct PeerBinding
{
    PeerId peer;
    QByteArray signingKey;
    quint64 announceTimestamp = 0; ///< the sender's clock, newest accepted announce or leave
    qint64 lastSeenMs = 0;         ///< epoch ms, local clock
    bool pinned = false;           ///< a message of this peer was shown to the user
};
