// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include "Identity.h"
#include "Packet.h"

/**
 * A remote node as the tests play it: its own identity, and the signed frames it would put on a
 * link. Built with the protocol library only, the way any bitchat peer would build them.
 */
class MeshTestPeer
{
public:
    explicit MeshTestPeer(QString nickname);

    PeerId id() const { return m_identity.peerId(); }
    const Identity &identity() const { return m_identity; }

    Packet announcePacket(quint64 timestamp, quint8 ttl = Packet::DefaultTtl) const;
    Packet messagePacket(const QString &text, quint64 timestamp,
                         quint8 ttl = Packet::DefaultTtl) const;
    Packet leavePacket(quint64 timestamp, quint8 ttl = Packet::DefaultTtl) const;

    /** @p packet signed by this peer and encoded as it travels. */
    QByteArray frame(const Packet &packet) const;
    /** @p packet signed by @p other instead: a forgery claiming to be this peer. */
    QByteArray forgedFrame(const Packet &packet, const MeshTestPeer &other) const;

private:
    Packet base(MessageType type, const QByteArray &payload, quint64 timestamp, quint8 ttl) const;

    QString m_nickname;
    Identity m_identity;
};
