// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <memory>

#include <QObject>
#include <QString>

#include "FramePacer.h"

class Clock;
class GattServer;
class Link;

/**
 * The peripheral role (spec 02 §1, §4.1): publishes the bitchat service on a GattServer,
 * advertises only its UUID, and turns each central that connects into a BlePeripheralLink.
 * Because the stack forgets the service when that central disconnects, it publishes the service
 * and advertises again after every disconnect. A server that fails (Qt 6.4 without
 * CAP_NET_ADMIN/CAP_NET_RAW, no HCI socket) leaves the role Failed with errorString(); start()
 * tries again with a fresh server.
 *
 * Owns the server (made by the factory on start(), dropped on stop()). Links start as its
 * children; see LinkTransport for the hand-over. It keeps no pointer to them.
 */
class BlePeripheral : public QObject
{
    Q_OBJECT
public:
    enum class Status
    {
        Stopped,     ///< not started, or stopped
        Advertising, ///< waiting for a central
        Connected,   ///< serving a central (Qt 6.4 serves one at a time)
        Failed,      ///< the server failed; errorString() says why
    };
    Q_ENUM(Status)

    using ServerFactory = std::function<std::unique_ptr<GattServer>()>;

    BlePeripheral(Clock &clock, ServerFactory factory, FramePacer::Policy pacing,
                  QObject *parent = nullptr);
    ~BlePeripheral() override;

    /** Makes a server, publishes and advertises; false (status Failed) if the server failed. */
    bool start();
    /** Closes the link (with @p reason) and drops the server. */
    void stop(const QString &reason);

    Status status() const { return m_status; }
    QString errorString() const { return m_errorString; }
    /** The current server, for inspection; null when stopped. */
    GattServer *server() const { return m_server.get(); }

Q_SIGNALS:
    /** A central connected; the link is our child until someone takes it. */
    void linkOpened(Link *link);
    void statusChanged();
    /** stop() is closing the role: open links close with @p reason. */
    void stopping(const QString &reason);

private:
    void publish();
    void handleConnected();
    void handleDisconnected();
    void fail(const QString &reason);
    void setStatus(Status status);

    Clock &m_clock;
    ServerFactory m_factory;
    const FramePacer::Policy m_pacing;
    std::unique_ptr<GattServer> m_server;
    Status m_status = Status::Stopped;
    QString m_errorString;
};
