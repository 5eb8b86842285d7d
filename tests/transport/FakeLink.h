// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QPointer>

#include "Link.h"

/**
 * A Link in memory for tests. Two FakeLinks can be paired as the two ends of one connection:
 * a frame sent on one arrives on the other, and closing one closes the other with
 * "remote closed: <reason>", as a real peer would see it. Records what it sent, with its
 * priority; setSendResult() makes it refuse frames as a full queue would.
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
    SendResult send(const QByteArray &frame, SendPriority priority = SendPriority::Own) override;
    void close(const QString &reason) override;

    /** The connection dropped under us, e.g. the radio went away. */
    void drop(const QString &reason) { finish(reason); }
    QList<QByteArray> sentFrames() const { return m_sent; }
    QList<SendPriority> sentPriorities() const { return m_priorities; }
    /** What send() answers from now on while open (any size passes: tests play hostile peers). */
    void setSendResult(SendResult result) { m_result = result; }
    /** The reason closed() carried, empty while open. */
    QString closeReason() const { return m_closeReason; }

private:
    const QString m_remoteAddress;
    QPointer<FakeLink> m_peer;
    QList<QByteArray> m_sent;
    QList<SendPriority> m_priorities;
    SendResult m_result = SendResult::Accepted;
    QString m_closeReason;
};
