// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

/**
 * What the router did with the packets it saw, for the status view and tests. Decode failures
 * are counted separately, per reason, in the protocol layer's RejectionCounters.
 */
struct RouterCounters
{
    quint64 framesReceived = 0;
    quint64 accepted = 0;             ///< verified announces, messages and leaves
    quint64 duplicates = 0;           ///< already seen (spec 05 §1.1)
    quint64 relayed = 0;              ///< packets re-sent (to at least one link)
    quint64 relaysCancelled = 0;      ///< pending relays every target delivered meanwhile
    quint64 forged = 0;               ///< bad signature, missing signature or mismatched peer ID
    quint64 replayed = 0;             ///< older than the sender's last announce, or already stored
    quint64 keyConflicts = 0;         ///< an announce with another signing key for a bound peer ID
    quint64 unknownSenderDropped = 0; ///< waited for an announce that never came
    quint64 rateLimited = 0;          ///< relays refused by the per-sender rate limit
    quint64 badPayload = 0;           ///< a known type whose payload does not decode
    quint64 notForUs = 0;             ///< unknown or unsupported types, relayed but not shown
    quint64 ingressDropped = 0;       ///< frames over their link's ingress budget, not decoded
    quint64 nestedFragments = 0;      ///< fragments whose original type is a fragment again
    quint64 peersRefused = 0;         ///< new identities over a link's budget or a full table
    quint64 senderLimited = 0;        ///< verified messages over their sender's budget
    quint64 unauthenticatedLimited = 0; ///< unsigned relays over their link's budget
    quint64 relaysShed = 0;             ///< relays dropped because the relay queue was full
    quint64 sendsRefused = 0;           ///< frames a link did not take (its queue full, or closed)
};
