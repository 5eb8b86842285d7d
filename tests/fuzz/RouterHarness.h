// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QRandomGenerator>
#include <QSet>

#include "FuzzClock.h"
#include "FuzzLink.h"
#include "FuzzLinkTransport.h"
#include "LinkManager.h"
#include "MeshRouter.h"
#include "Packet.h"
#include "PeerTable.h"
#include "RelayScheduler.h"

/**
 * One MeshRouter under attack, for one fuzz input: the router with its LinkManager, PeerTable
 * and a virtual clock, over in-memory links — one to the honest neighbour, the others to
 * attackers. The harness makes every signature of the honest peer itself, so it knows exactly
 * what that peer said, and checks after every operation (checkInvariants) and at every signal:
 *
 *  - nothing forged is accepted: once the honest peer's own announce is bound, every message
 *    accepted in its name verifies with its key and is one it signed, and its binding never
 *    passes to another key (defect 2); nothing forged in its name is relayed either;
 *  - nothing is accepted twice (the history lookup answers from what was accepted);
 *  - nothing is silenced: a genuine honest message arriving on the honest link while its key is
 *    bound is accepted (defect 3), for the first few messages of an input (rate limits aside);
 *  - a message reachable only through a fragment reassembled from a fragment is never accepted,
 *    and handling one frame never goes deeper into the stack than StackProbe::Limit (defect 1);
 *  - no amplification: unauthenticated packets from one link are relayed within
 *    MaxUnauthenticatedRelaysPerLinkSecond, whatever sender IDs they claim (defect 8);
 *  - memory: the peer table within its cap, pending relays within MaxPendingRelays, and the bytes
 *    allocated since the input began within MemoryBudget (defect 6).
 *
 * Written against the router's public API only (constructor, LinkManager, the signals,
 * counters(), pendingRelayCount(), setHistoryLookup()) and the PeerTable's.
 * TODO(issue 8): assert the reassembler's buffered bytes and the unverified queue's size against
 * their limits once MeshRouter exposes them; until then MemoryBudget covers them.
 */
class RouterHarness
{
public:
    static constexpr int LinkLimit = 8;
    static constexpr int MaxPendingRelays = 8192;
    static constexpr size_t MemoryBudget = 48 * 1024 * 1024;
    /**
     * Unauthenticated packets (fragments, unknown types: nothing binds their sender ID) that
     * arrived on one link and that the router relays, per virtual second: at most the per-link
     * budget's burst plus one second of its rate (defect 8).
     */
    static constexpr int MaxUnauthenticatedRelaysPerLinkSecond =
        int(RelayScheduler::Config{}.unauthenticatedPerLink.burst +
            RelayScheduler::Config{}.unauthenticatedPerLink.perSecond);
    /** Genuine honest messages per input checked for silencing (keeps per-sender limits out). */
    static constexpr int SilencingChecks = 6;
    /** How long after signing a genuine message must still be shown. */
    static constexpr qint64 FreshForMs = 60'000;

    struct HonestFrame
    {
        Packet packet;
        qint64 signedAtMs = 0;
    };

    /** @p baselineBytes: what the sanitizer allocator counted before this input began. */
    explicit RouterHarness(size_t baselineBytes);
    ~RouterHarness();

    FuzzClock &clock() { return m_clock; }
    qint64 nowMs() const { return m_clock.monotonicMs(); }

    /** The link to the honest peer, reopened when the router closed it; null when full. */
    FuzzLink *honestLink();
    /** An attacker's link (selector modulo their number), opening one if there is none. */
    FuzzLink *attackerLink(quint8 selector);
    /** Selector 0 is the honest link, others pick an attacker's link. */
    FuzzLink *anyLink(quint8 selector)
    {
        return selector == 0 ? honestLink() : attackerLink(selector);
    }
    /** Any open link, honest included (selector modulo their number), or null. */
    FuzzLink *openLinkAt(quint8 selector);
    FuzzLink *openLink(qsizetype mtu);
    void closeLink(quint8 selector);

    /** @p frame arrives on @p link (nothing when @p link is null), with the stack probe armed. */
    void deliver(FuzzLink *link, const QByteArray &frame);
    void advance(qint64 ms);

    /** Records a packet the honest peer signed; only those may be shown in its name. */
    void recordHonest(const Packet &packet, bool nestedOnly = false);
    /** The honest peer sends @p packet itself, on the honest link, checking it is not silenced. */
    void sendAsHonest(const Packet &packet);
    /** One of the last honest frames (index wraps), or null when there is none. */
    const HonestFrame *honestFrame(quint8 index) const;

    /** Fails the input when any invariant of the class comment does not hold. */
    void checkInvariants();

private:
    void onAccepted(const Packet &packet, int hops);
    void noteArrival(const FuzzLink *link, const QByteArray &frame);
    void inspectSent(const QByteArray &frame);
    bool expectsShown(const Packet &packet) const;
    void noteHonestBinding();

    const size_t m_baseline;
    FuzzClock m_clock;
    QRandomGenerator m_random{20251201};
    FuzzLinkTransport m_transport;
    LinkManager m_links;
    PeerTable m_peers;
    MeshRouter m_router;

    QPointer<FuzzLink> m_honestLink;
    QList<QPointer<FuzzLink>> m_attackerLinks;
    QList<HonestFrame> m_honestFrames; // the last few, for copies and replays
    QSet<QByteArray> m_honestSigned;   // packet IDs of every message and leave it signed
    QSet<QByteArray> m_nestedOnly;     // honest messages sent only inside nested fragments
    QSet<QByteArray> m_accepted;       // packet IDs the router accepted
    QHash<QByteArray, quint64> m_unauthenticatedFrom; // packet ID -> link it first arrived on
    QSet<QByteArray> m_relayedUnauthenticated;        // packet IDs counted as relayed
    QHash<QPair<quint64, qint64>, int> m_relaysPerLinkSecond; // (link, second) -> relays
    bool m_honestBound = false; // its own announce was bound to its key
    quint64 m_honestAnnounceTimestamp = 0;
    bool m_honestLeft = false;
    int m_silencingChecks = 0;
};
