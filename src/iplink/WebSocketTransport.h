// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <optional>

#include <QHash>
#include <QHostAddress>
#include <QPointer>
#include <QWebSocketServer>

#include "Clock.h"
#include "LinkTransport.h"
#include "WebSocketFault.h"
#include "WebSocketLink.h"

class LanDiscovery;
class QWebSocket;

/**
 * Links over WebSockets: a QWebSocketServer accepts incoming links on one host and port, and
 * dial("ws://host:port") opens outgoing ones, failing after a timeout measured on the Clock.
 *
 * Owns the server and the sockets of dials still in progress. Each link it opens starts as its
 * child (see LinkTransport for the hand-over). Counts link faults per WebSocketFault for as long
 * as it lives, including faults of links it handed over. stop() stops accepting; it does not
 * close open links, which belong to whoever took them.
 */
class WebSocketTransport final : public LinkTransport
{
    Q_OBJECT
public:
    struct Options
    {
        /** Where to listen; loopback unless the user asks for more. */
        QHostAddress listenHost = QHostAddress(QHostAddress::LocalHost);
        /** 0 picks a free port; listenPort() tells which. */
        quint16 listenPort = 0;
        /** Largest frame a link carries either way (its mtu()), bytes. */
        qsizetype maxFrameSize = WebSocketLink::DefaultMaxFrameSize;
        /** A dial with no open link after this long fails with reason "timeout", ms. */
        qint64 dialTimeoutMs = 10'000;
        /** The bound on each link's send queue (what a peer that does not read makes us hold). */
        SendQueueGuard::Policy sendQueue{};
    };

    explicit WebSocketTransport(Clock &clock, QObject *parent = nullptr);
    WebSocketTransport(Clock &clock, const Options &options, QObject *parent = nullptr);
    ~WebSocketTransport() override;

    LinkType type() const override { return LinkType::Ip; }
    /** Listens on Options::listenHost and listenPort; false (see errorString()) if that fails. */
    bool start() override;
    /** Stops accepting links; open links and dials in progress carry on. */
    void stop();
    bool isRunning() const override { return m_server.isListening(); }
    /** Dials a "ws://host:port" URL; the answer is linkOpened() or dialFailed(), never inline. */
    void dial(const QString &address) override;

    /** The address and port actually listened on (the real port when 0 was asked for). */
    QHostAddress listenAddress() const { return m_server.serverAddress(); }
    quint16 listenPort() const { return m_server.serverPort(); }
    /** The URL other nodes dial to reach this one, or empty when not listening. */
    QString listenUrl() const;
    QString errorString() const { return m_errorString; }
    /** The listen URL, or why there is none. */
    QString statusText() const override;
    /** The attached LAN discovery's state, or "" when there is none. */
    QString discoveryText() const override;
    /** Shows @p discovery's state in discoveryText() (it stays owned by the caller). */
    void setLanDiscovery(LanDiscovery *discovery);
    int pendingDialCount() const { return int(m_dials.size()); }
    /** How many links closed because of @p fault since this transport was created. */
    quint64 faultCount(WebSocketFault fault) const { return m_faults[size_t(fault)]; }

private:
    struct PendingDial
    {
        QString address;
        Clock::TimerId timeout = 0;
    };

    void acceptPending();
    std::optional<PendingDial> takeDial(QWebSocket *socket);
    void finishDial(QWebSocket *socket);
    void failDial(QWebSocket *socket, const QString &reason);
    WebSocketLink *adopt(QWebSocket *socket, bool outgoing, const QString &remoteAddress);

    Clock &m_clock;
    const Options m_options;
    QWebSocketServer m_server;
    QHash<QWebSocket *, PendingDial> m_dials; // sockets are our children until they connect
    std::array<quint64, WebSocketFaultCount> m_faults{};
    QString m_errorString;
    QPointer<LanDiscovery> m_lanDiscovery;
};
