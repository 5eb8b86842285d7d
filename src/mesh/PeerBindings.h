// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <optional>

#include <QByteArray>
#include <QHash>
#include <QList>

#include "PeerBinding.h"
#include "PeerId.h"

/**
 * Which signing key each peer ID is bound to: trust on first use, like SSH's known hosts. A peer
 * ID is derived from a public Noise key anyone can copy, so the first verified announce binds the
 * ID to its signing key and no later announce can move it (a different key is an attack, see
 * PeerTable::AnnounceOutcome::KeyConflict).
 *
 * A binding is never evicted to make room for a new ID (issue 8, defect 2: a flood of throw-away
 * IDs once evicted an honest peer's binding and let the attacker rebind it). When full, new IDs
 * are refused; only a binding that is stale (not seen for Limits::staleAfterMs) and unpinned (no
 * message of that peer was ever shown) may be recycled. Every new binding, pin and coarse
 * last-seen change goes to the journal, so bindings survive restarts (PeerBindingStore).
 */
class PeerBindings
{
public:
    struct Limits
    {
        int capacity = 16384;
        qint64 staleAfterMs = 7LL * 24 * 60 * 60 * 1000;
        /** last-seen changes smaller than this are not journalled (one write per peer per hour). */
        qint64 journalGranularityMs = 60LL * 60 * 1000;
    };

    /** A binding as persisted (PeerBindingStore). */
    using Record = PeerBinding;

    enum class Check
    {
        Unknown,   ///< no binding for this ID
        Matches,   ///< bound to this key
        Conflicts, ///< bound to another key
    };

    enum class Change
    {
        Saved,   ///< a new binding, a pin or a coarse last-seen move: write the record
        Removed, ///< a stale binding recycled: delete it
    };
    /** Receives every change worth persisting. */
    using Journal = std::function<void(const Record &, Change)>;

    PeerBindings() = default;
    explicit PeerBindings(Limits limits);

    void setJournal(Journal journal) { m_journal = std::move(journal); }
    /** Takes bindings persisted earlier (not journalled again); past capacity the rest is ignored.
     */
    void load(const QList<Record> &records);

    Check check(const PeerId &peer, const QByteArray &signingKey) const;
    /**
     * Binds the unknown @p peer to @p signingKey. False, and nothing changes, when the table is
     * full and no stale unpinned binding can make room.
     */
    bool bind(const PeerId &peer, const QByteArray &signingKey, quint64 timestamp, qint64 nowMs);
    /** A verified announce or leave of a bound peer: newest timestamp and last-seen move on. */
    void refresh(const PeerId &peer, quint64 timestamp, qint64 nowMs);
    /** Marks @p peer as one the user relies on (a message of it was shown). */
    void pin(const PeerId &peer);

    /** The bound key, or an empty array when @p peer is unknown. */
    QByteArray signingKey(const PeerId &peer) const;
    /** The newest accepted timestamp of @p peer, or nullopt when unknown. */
    std::optional<quint64> announceTimestamp(const PeerId &peer) const;
    bool isPinned(const PeerId &peer) const;
    int size() const { return int(m_records.size()); }
    const Limits &limits() const { return m_limits; }

private:
    bool makeRoom(qint64 nowMs);
    void journal(const Record &record, Change change = Change::Saved) const;

    Limits m_limits;
    Journal m_journal;
    QHash<PeerId, Record> m_records;
    /** Before this epoch ms no binding can be stale (the oldest unpinned one is younger). */
    qint64 m_noStaleBeforeMs = 0;
};
