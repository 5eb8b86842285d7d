// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QByteArray>
#include <QList>

#include "Link.h"

/**
 * A Link in memory for the router fuzzer: the harness delivers frames on it as a neighbour
 * would, and it keeps the last few frames the router sent it (for echoing back) and hands every
 * one to an inspector, so the harness can check what the router relays. Bounded whatever the
 * router sends. Unlike tests/transport/FakeLink it has no other end and a chosen MTU.
 */
class FuzzLink final : public Link
{
    Q_OBJECT
public:
    static constexpr int KeptFrames = 4;
    using Inspector = std::function<void(const QByteArray &frame)>;

    FuzzLink(qsizetype mtu, Inspector inspector, QObject *parent = nullptr);

    LinkType type() const override { return LinkType::Ip; }
    QString remoteAddress() const override;
    qsizetype mtu() const override { return m_mtu; }
    SendResult send(const QByteArray &frame, SendPriority priority = SendPriority::Own) override;
    void close(const QString &reason) override { finish(reason); }

    /** The neighbour sends @p frame; ignored once closed, as a real link would. */
    void deliver(const QByteArray &frame);
    /** The neighbour hangs up. */
    void drop() { finish(QStringLiteral("remote closed")); }
    /** One of the last frames sent to this link (index wraps), or empty when none was. */
    QByteArray sentFrame(int index) const;
    quint64 sentCount() const { return m_sentCount; }

private:
    const qsizetype m_mtu;
    Inspector m_inspector;
    QList<QByteArray> m_kept; // the last KeptFrames frames sent, oldest first
    quint64 m_sentCount = 0;
};
