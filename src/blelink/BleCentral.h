// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QBluetoothAddress>
#include <QBluetoothDeviceDiscoveryAgent>
#include <QBluetoothDeviceInfo>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

#include "BleCentralDial.h"
#include "BleDeviceTable.h"
#include "Clock.h"

class Link;
class QRandomGenerator;

/**
 * The central role (spec 02 §4.2): scans for the bitchat service in duty-cycled rounds (scan
 * Options::scanMs, pause Options::pauseMs, timed on the Clock, never waiting for the agent's
 * finished(), which BlueZ-less systems never send), and dials the bitchat devices it hears,
 * one connection per device (BlueZ cannot hold two to the same device), at most
 * Options::maxOutgoing at a time. Failed dials and lost links are retried with backoff;
 * devices that keep failing are forgotten for a while (BleDeviceTable).
 *
 * Each round logs one line, "scan: N unique devices, M new", however many advertisements and
 * RSSI updates arrive; RSSI updates reach the open links (Link::rssiChanged()).
 *
 * Owns the discovery agent, the dials in progress and, until they are unconnected, the
 * controllers of closed links. Links start as its children (see LinkTransport); it keeps no
 * pointer to them: they listen to rssiMeasured() and stopping().
 */
class BleCentral : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        qint64 scanMs = 10'000;
        qint64 pauseMs = 5'000;
        int maxOutgoing = 6;
        /** A link the mesh closed as a duplicate is not redialed for this long, ms. */
        qint64 duplicateHoldOffMs = 5 * 60'000;
        BleDeviceTable::Policy devices;
        BleCentralDial::Options dial;
    };

    BleCentral(Clock &clock, QRandomGenerator *random, Options options, QObject *parent = nullptr);
    ~BleCentral() override;

    /** Starts scan rounds on @p adapter (and dialing what they find). */
    void start(const QBluetoothAddress &adapter);
    /** Stops scanning, abandons dials and closes every link with @p reason. */
    void stop(const QString &reason);
    /** True while rounds run and the last scan start succeeded. */
    bool isRunning() const { return m_running; }
    /** Why the last scan failed; "" while scanning works. */
    QString errorString() const { return m_errorString; }

    /** Dials "AA:BB:CC:DD:EE:FF": one linkOpened() or one dialFailed(), never inline. */
    void dial(const QString &address);

    int maxOutgoing() const { return m_options.maxOutgoing; }
    void setMaxOutgoing(int limit);
    /** Connections that may still be opened: maxOutgoing() minus those dialing or open. */
    int freeSlots() const;
    /** Devices with a controller now: dialing, linked, or disconnecting. */
    int busyCount() const { return int(m_busy.size()); }
    const BleDeviceTable &devices() const { return m_devices; }
    int roundCount() const { return m_rounds; }

Q_SIGNALS:
    void linkOpened(Link *link);
    void dialFailed(const QString &address, const QString &reason);
    void runningChanged();
    /** freeSlots() changed. */
    void slotsChanged();
    /** A scan round ended: @p unique devices heard, @p fresh of them for the first time. */
    void roundFinished(int unique, int fresh);
    /** An advertisement of @p address was heard at @p dbm. */
    void rssiMeasured(const QString &address, int dbm);
    /** stop() is closing every link with @p reason. */
    void stopping(const QString &reason);

private:
    void beginRound();
    void endRound();
    void handleDiscovered(const QBluetoothDeviceInfo &info);
    void handleScanError(QBluetoothDeviceDiscoveryAgent::Error error);
    void setRunning(bool running, const QString &error);
    void considerDial(const QString &address);
    void startDial(const QBluetoothDeviceInfo &info);
    void handleDialReady(BleCentralDial *dial, BleCentralLink *link);
    void handleDialFailed(BleCentralDial *dial, const QString &reason);
    void handleLinkClosed(const QString &address, const QString &reason);
    void scheduleRetry(const QString &address, qint64 delayMs);
    void failRequested(const QString &address, const QString &reason);

    Clock &m_clock;
    Options m_options;
    BleDeviceTable m_devices;
    QBluetoothAddress m_adapter;
    QBluetoothDeviceDiscoveryAgent *m_agent = nullptr; // child
    QHash<QString, QBluetoothDeviceInfo> m_known;      // latest advertisement per address
    QSet<QString> m_busy;                              // addresses with a live controller
    QSet<QString> m_requested;                         // dials asked for through dial()
    QSet<QString> m_waitingForDevice;                  // retry due while a controller lingers
    QList<QPointer<BleCentralDial>> m_dials;
    QHash<QString, Clock::TimerId> m_retries;
    Clock::TimerId m_roundTimer = 0;
    bool m_active = false;
    bool m_running = false;
    QString m_errorString;
    int m_rounds = 0;
};
