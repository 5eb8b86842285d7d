// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QNetworkInterface>
#include <QObject>
#include <QUdpSocket>

#include "Clock.h"

class QRandomGenerator;

/**
 * Optional LAN discovery: UDP multicast beacons that say "a Meshcast node listens for WebSocket
 * links on this port", sent and heard on ONE named network interface only. Off unless started
 * with an interface name. IPv4 only; the receiving socket binds the group address (Linux).
 *
 * A beacon is 15 bytes: "MSHC", version 1, an 8-byte random instance nonce (so a node ignores its
 * own beacons), the WebSocket port (big-endian). Anything else arriving on the group port is
 * counted as malformed and ignored. Beacons go out every Options::beaconIntervalMs ±10% on the
 * Clock; peerDiscovered() fires for a sender heard for the first time or after a silence of three
 * intervals, never for every beacon.
 *
 * Owns its two UDP sockets; uses the clock and random generator, which must outlive it.
 */
class LanDiscovery : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        /** The one interface to use ("lo", "eth0", …); empty keeps discovery off. */
        QString interfaceName;
        /** An administratively scoped IPv4 group (RFC 2365), so beacons stay on the site. */
        QHostAddress group = QHostAddress(QStringLiteral("239.255.77.77"));
        quint16 port = 47'777;
        /** The WebSocket port to advertise; 0 listens without sending beacons. */
        quint16 webSocketPort = 0;
        qint64 beaconIntervalMs = 5'000;
    };

    static constexpr qsizetype BeaconSize = 15;

    /** @p random (for the nonce and interval jitter) must not be null. */
    LanDiscovery(Clock &clock, QRandomGenerator *random, const Options &options,
                 QObject *parent = nullptr);
    ~LanDiscovery() override;

    /** Joins the group on the interface and sends the first beacon; false (errorString()) if not.
     */
    bool start();
    void stop();
    bool isRunning() const { return m_running; }
    QString errorString() const { return m_errorString; }
    QString interfaceName() const { return m_options.interfaceName; }

    quint64 beaconsSent() const { return m_beaconsSent; }
    quint64 malformedCount() const { return m_malformed; }

    /** The beacon this node sends; exposed for tests and tools. */
    static QByteArray encodeBeacon(quint64 nonce, quint16 webSocketPort);

Q_SIGNALS:
    /** A node not heard recently advertises @p webSocketUrl ("ws://192.0.2.7:4000"). */
    void peerDiscovered(const QString &webSocketUrl);
    void runningChanged();

private:
    bool fail(const QString &error);
    void sendBeacon();
    void scheduleBeacon();
    void readDatagrams();
    void handleBeacon(const QByteArray &data, const QHostAddress &sender);

    Clock &m_clock;
    QRandomGenerator *m_random;
    const Options m_options;
    const quint64 m_nonce;
    QNetworkInterface m_interface;
    QUdpSocket m_receiver;
    QUdpSocket m_sender;
    bool m_running = false;
    Clock::TimerId m_beaconTimer = 0;
    QHash<QString, qint64> m_lastHeardMs; // URL -> monotonic ms of its last beacon
    quint64 m_beaconsSent = 0;
    quint64 m_malformed = 0;
    QString m_errorString;
};
