// SPDX-License-Identifier: GPL-3.0-or-later
#include "NamesakeIndex.h"

#include "PeerText.h"

bool NamesakeIndex::add(const QString &key, const PeerId &peer)
{
    QHash<PeerId, int> &peers = m_uses[key];
    const qsizetype before = peers.size();
    ++peers[peer];
    return before == 1 && peers.size() == 2;
}

QStringList NamesakeIndex::setPresent(const PeerId &peer, const QString &nickname)
{
    const QString key = PeerText::collisionKey(nickname);
    const auto present = m_present.find(peer);
    if (present != m_present.end() && PeerText::collisionKey(*present) == key) {
        *present = nickname; // the same name to the eye: nothing flips
        return {};
    }
    QStringList flipped = setAbsent(peer);
    m_present.insert(peer, nickname);
    if (add(key, peer))
        flipped.append(key);
    return flipped;
}

QStringList NamesakeIndex::setAbsent(const PeerId &peer)
{
    const auto present = m_present.constFind(peer);
    if (present == m_present.cend())
        return {};
    const QString key = PeerText::collisionKey(*present);
    m_present.erase(present);
    return remove(key, peer) ? QStringList{key} : QStringList{};
}

bool NamesakeIndex::isAmbiguous(const QString &key, const PeerId &peer) const
{
    const auto byKey = m_uses.constFind(key);
    if (byKey == m_uses.cend())
        return false;
    return byKey->size() > 1 || (byKey->size() == 1 && !byKey->contains(peer));
}

void NamesakeIndex::clear()
{
    m_uses.clear();
    m_present.clear();
}

bool NamesakeIndex::remove(const QString &key, const PeerId &peer)
{
    const auto byKey = m_uses.find(key);
    if (byKey == m_uses.end())
        return false;
    const auto use = byKey->find(peer);
    if (use == byKey->end())
        return false;
    if (--*use > 0)
        return false;
    byKey->erase(use);
    const qsizetype after = byKey->size();
    if (after == 0)
        m_uses.erase(byKey);
    return after == 1;
}
