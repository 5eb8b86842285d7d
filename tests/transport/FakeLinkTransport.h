// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include "LinkTransport.h"

class Clock;
class FakeLink;

/**
 * A LinkTransport driven by the test: dial() only records the address and the clock time; the
 * test then answers with answerDial() or failDial(), or brings in a link with acceptIncoming().
 * Links start as its children, as the LinkTransport contract says.
 */
class FakeLinkTransport final : public LinkTransport
{
    Q_OBJECT
public:
    struct Dial
    {
        QString address;
        qint64 atMs;
    };

    explicit FakeLinkTransport(const Clock &clock, QObject *parent = nullptr);

    LinkType type() const override { return LinkType::Ip; }
    bool start() override;
    bool isRunning() const override { return m_running; }
    void dial(const QString &address) override;

    /** The two ends of one connection. */
    struct Connection
    {
        FakeLink *dialed;
        FakeLink *accepted;
    };

    QList<Dial> dials() const { return m_dials; }
    /**
     * Opens the outgoing link for a dial to @p address and returns it (our child until taken).
     * Paired with @p remoteEnd first, if given, so the remote end sees what happens to it.
     */
    FakeLink *answerDial(const QString &address, FakeLink *remoteEnd = nullptr);
    void failDial(const QString &address, const QString &reason);
    /** Opens an incoming link from @p address, paired with @p remoteEnd if given. */
    FakeLink *acceptIncoming(const QString &address, FakeLink *remoteEnd = nullptr);
    /**
     * One connection from the node of @p dialer, which dialed @p dialedAddress, to the node of
     * @p acceptor, which sees it come from @p callerAddress; opened on both transports.
     */
    static Connection openConnection(FakeLinkTransport &dialer, const QString &dialedAddress,
                                     FakeLinkTransport &acceptor, const QString &callerAddress);

private:
    const Clock &m_clock;
    bool m_running = false;
    QList<Dial> m_dials;
};
