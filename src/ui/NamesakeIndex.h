// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include "PeerId.h"

/**
 * Which peer IDs go by which name, to tell namesakes apart (issue 8 defect 12): a name is
 * ambiguous for a peer when another peer ID uses it too. Names are kept as PeerText::collisionKey
 * keys. Two kinds of use: what is present now (a peer's current nickname, our own; replaced with
 * setPresent(), withdrawn with setAbsent()) and what stays (a chat row that shows a name: add()).
 *
 * Every change returns the keys whose ambiguity flipped (their distinct IDs went from one to two
 * or back): only rows that show those names need repainting, so a flood of new names costs a
 * hash insert each. Holds one entry per distinct (key, peer) pair and one per present peer.
 */
class NamesakeIndex
{
public:
    /** Counts one more lasting use of @p key by @p peer; true when @p key became ambiguous. */
    bool add(const QString &key, const PeerId &peer);
    /** @p peer now goes by @p nickname (replacing its present name, if any). */
    QStringList setPresent(const PeerId &peer, const QString &nickname);
    /** @p peer is gone: its present name no longer counts. */
    QStringList setAbsent(const PeerId &peer);
    /** The present name of @p peer, or @p fallback. */
    QString presentName(const PeerId &peer, const QString &fallback = {}) const
    {
        return m_present.value(peer, fallback);
    }
    /** Another peer ID than @p peer uses @p key. */
    bool isAmbiguous(const QString &key, const PeerId &peer) const;
    void clear();

private:
    /** Withdraws one use; true when @p key stopped being ambiguous. */
    bool remove(const QString &key, const PeerId &peer);

    QHash<QString, QHash<PeerId, int>> m_uses; // key → peer → uses
    QHash<PeerId, QString> m_present;          // peer → present nickname
};
