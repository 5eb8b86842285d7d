// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QObject>
#include <QSet>

#include "AnnouncePayload.h"
#include "PeerBindings.h"
#include "PeerInfo.h"

/**
 * The peers currently present on the mesh, fed by verified announces and leaves (spec 04 §2–3),
 * and the signing key each peer ID is bound to.
 *
 * Binding is trust on first use (PeerBindings): a peer ID stays bound to the first signing key
 * that announced it, and bindings are never evicted for strangers, so nobody can take over a
 * peer's name by announcing its Noise key with another signing key. Each binding also remembers
 * the newest announce timestamp, so a replayed older announce or leave is recognised.
 *
 * When MaxPeers are present, new peers are refused rather than present ones evicted: identities
 * are cheap to make, and a flood of them must not push out the peers the user sees (issue 8).
 */
class PeerTable : public QObject
{
    Q_OBJECT
public:
    /** Most peers shown at once: past it, new peers are refused until present ones leave. */
    static constexpr int MaxPeers = 1024;

    enum class AnnounceOutcome
    {
        Joined,      ///< a peer that was not present
        Updated,     ///< a present peer, something shown changed
        Refreshed,   ///< a present peer, only last-seen moved
        Replay,      ///< not newer than the last accepted announce: ignored
        KeyConflict, ///< a signing key other than the bound one: an attack, never applied
        Refused,     ///< a new peer while the table or the bindings are full: ignored
    };

    struct Sighting
    {
        int hops = 1;
        quint64 linkId = 0;
        LinkType linkType = LinkType::Ip;
        std::optional<int> rssi;
        qint64 nowMs = 0; ///< epoch ms, local clock
    };

    explicit PeerTable(QObject *parent = nullptr);
    PeerTable(PeerBindings::Limits bindingLimits, int maxPeers, QObject *parent = nullptr);

    /** The signing-key bindings (to load persisted ones, pin shown senders, journal changes). */
    PeerBindings &bindings() { return m_bindings; }
    const PeerBindings &bindings() const { return m_bindings; }

    /** Applies a verified announce from @p sender whose packet carried @p timestamp. */
    AnnounceOutcome applyAnnounce(const PeerId &sender, const AnnouncePayload &announce,
                                  quint64 timestamp, const Sighting &sighting);
    /** The signing key @p peer is bound to, or an empty array when it is unknown. */
    QByteArray boundSigningKey(const PeerId &peer) const;
    /** True when a packet @p peer signed at @p timestamp is not older than its last announce. */
    bool isCurrent(const PeerId &peer, quint64 timestamp) const;

    /** Removes @p peer (a leave, a lost link); false if it was not present. */
    bool remove(const PeerId &peer, const QString &reason);
    /**
     * Applies a verified leave signed at @p timestamp: removes the peer and remembers the time,
     * so an announce it signed before leaving, arriving late over a longer path, is a replay.
     */
    bool applyLeave(const PeerId &peer, quint64 timestamp);
    /** Removes peers whose last announce is older than @p timeoutMs; returns how many. */
    int expire(qint64 nowMs, qint64 timeoutMs);
    /** Records a new RSSI reading for the peers reached directly over @p linkId. */
    void updateRssi(quint64 linkId, int rssi);

    const PeerInfo *find(const PeerId &peer) const;
    QList<PeerInfo> peers() const { return m_peers.values(); }
    int count() const { return int(m_peers.size()); }

Q_SIGNALS:
    void peerJoined(const PeerInfo &peer);
    void peerUpdated(const PeerInfo &peer, PeerFields changed);
    void peerLeft(const PeerInfo &peer, const QString &reason);

private:
    void warnKeyConflict(const PeerId &peer);

    PeerBindings m_bindings;
    int m_maxPeers = MaxPeers;
    QHash<PeerId, PeerInfo> m_peers;
    /** Peer IDs whose key conflict was already warned about (bounded: one warning each). */
    QSet<PeerId> m_warnedConflicts;
};
