// SPDX-License-Identifier: GPL-3.0-or-later
#include "RelayPolicy.h"

#include <QCryptographicHash>

#include <algorithm>
#include <bit>

namespace {
constexpr int ThinChainDegree = 2;
constexpr int DenseDegree = 6;
constexpr quint8 MediumClamp = 6;
constexpr quint8 DenseClamp = 5;
} // namespace

bool RelayPolicy::isSuppressed(const Packet &packet, const PeerId &self)
{
    if (packet.senderId == self)
        return true;
    if (packet.recipientId && *packet.recipientId == self)
        return true;
    if (packet.messageType() == MessageType::RequestSync)
        return true;
    return packet.ttl <= 1;
}

quint8 RelayPolicy::forwardTtl(const Packet &packet, int degree)
{
    const quint8 decremented = packet.ttl > 0 ? quint8(packet.ttl - 1) : 0;
    if (degree <= ThinChainDegree)
        return decremented; // thin chain: every hop matters (§1.2)
    if (degree < DenseDegree) {
        // An announce keeps 7 here; Meshcast sends no board posts, so "urgent" never applies.
        const quint8 clamp =
            packet.messageType() == MessageType::Announce ? Packet::DefaultTtl : MediumClamp;
        return std::min(decremented, clamp);
    }
    return std::min(decremented, DenseClamp);
}

bool RelayPolicy::bypassesSubsetting(const Packet &packet)
{
    switch (packet.messageType()) {
    case MessageType::Fragment:
    case MessageType::Announce:
    case MessageType::RequestSync:
        return true;
    default:
        return !packet.isBroadcast();
    }
}

int RelayPolicy::subsetSize(int n)
{
    if (n <= 2)
        return n;
    const int k = int(std::bit_width(unsigned(n - 1))) + 1;
    return std::clamp(k, 1, n);
}

QStringList RelayPolicy::selectSubset(const QString &messageId, QStringList candidateIds)
{
    const int k = subsetSize(int(candidateIds.size()));
    auto rank = [&](const QString &id) {
        return QCryptographicHash::hash(QStringLiteral("%1::%2").arg(messageId, id).toUtf8(),
                                        QCryptographicHash::Sha256);
    };
    std::vector<std::pair<QByteArray, QString>> ranked;
    ranked.reserve(candidateIds.size());
    for (const QString &id : std::as_const(candidateIds))
        ranked.emplace_back(rank(id), id);
    std::sort(ranked.begin(), ranked.end());
    QStringList chosen;
    for (int i = 0; i < k; ++i)
        chosen.append(ranked[size_t(i)].second);
    return chosen;
}
