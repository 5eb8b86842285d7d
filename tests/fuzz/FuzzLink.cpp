// SPDX-License-Identifier: GPL-3.0-or-later
#include "FuzzLink.h"

#include "FuzzCheck.h"
#include "StackProbe.h"

FuzzLink::FuzzLink(qsizetype mtu, Inspector inspector, QObject *parent)
    : Link(false, parent)
    , m_mtu(mtu)
    , m_inspector(std::move(inspector))
{}

QString FuzzLink::remoteAddress() const
{
    return QStringLiteral("fuzz-%1").arg(id());
}

SendResult FuzzLink::send(const QByteArray &frame, SendPriority priority)
{
    Q_UNUSED(priority);
    StackProbe::check();
    FuzzCheck::require(isOpen(), "the router sends only on open links");
    FuzzCheck::require(frame.size() <= m_mtu, "the router never sends a frame over the MTU");
    ++m_sentCount;
    if (m_kept.size() == KeptFrames)
        m_kept.removeFirst();
    m_kept.append(frame);
    if (m_inspector)
        m_inspector(frame);
    return SendResult::Accepted;
}

void FuzzLink::deliver(const QByteArray &frame)
{
    if (isOpen())
        Q_EMIT frameReceived(frame);
}

QByteArray FuzzLink::sentFrame(int index) const
{
    return m_kept.isEmpty() ? QByteArray() : m_kept.at(index % m_kept.size());
}
