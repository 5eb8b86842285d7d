// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QPointer>

#include "Link.h"

/**
 * A Link in memory for tests. Two FakeLinks can be paired as the two ends of one connection:
 * a frame sent on one arrives on the other, and closing one closes the other with
 * "remote closed: <reason>", as a real peer would see it. Records what it sent.
 */
class FakeLink final : public Link
{
    Q_OBJECT
public:
    FakeLink(bool outgoing, const QString &remoteAddress, QObject *parent = nullptr);

    /** Makes @p a and @p b the two ends of one connection. */
    static void pair(FakeLink *a, FakeLink *b);

    LinkType type() const override { return LinkType::Ip; }
    QString remoteAddress() const override { return m_remoteAddress; }
    qsizetype mtu() const override { return 512; }
    void send(const QByteArray &frame) override;
    void close(const QString &reason) override;

    /** The connection dropped under us, e.g. the radio went away. */
    void drop(const QString &reason) { finish(reason); }
    QList<QByteArray> sentFrames() const { return m_sent; }
    /** The reason closed() carried, empty while open. */
    QString closeReason() const { return m_closeReason; }

private:
    const QString m_remoteAddress;
    QPointer<FakeLink> m_peer;
    QList<QByteArray> m_sent;
    QString m_closeReason;
};
