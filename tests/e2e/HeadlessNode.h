// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include "JsonLineEvents.h"

class QProcess;
class QTemporaryDir;

/**
 * One `meshcast --headless` process on loopback, for end-to-end tests. Owns the process and a
 * temporary data directory that outlives restarts, so a restarted node keeps its identity and
 * history. Reads the node's JSON lines (one event each) into events() and announces each one with
 * eventReceived(), so tests wait on them with QTRY_…_WITH_TIMEOUT or QSignalSpy; writes lines to
 * the node's stdin. Does not know about other nodes: HeadlessMesh wires several together.
 */
class HeadlessNode : public QObject
{
    Q_OBJECT
public:
    /** Every wait in this class is bounded by a timeout in ms; this one is the default. */
    static constexpr int DefaultTimeoutMs = 10000;

    struct Options
    {
        QString nick;
        /** ws:// URLs this node keeps a link to (--peer). */
        QStringList peers;
        /** HOST:PORT; port 0 picks a free port, which a restart then keeps. */
        QString listen = QStringLiteral("127.0.0.1:0");
        int ttl = 7;
        // Test timings. The node's defaults (announce every 15–30 s, presence timeout 60 s) would
        // make a relayed peer appear after up to 30 s and a dead one vanish after a minute. With
        // announces every 1–2 s (the node picks [interval, 2 × interval]) a new node is known
        // mesh-wide within about a second, and a 4 s timeout is still twice the longest gap
        // between two announces, so a live peer is never expired while a killed one goes in ~5 s.
        qint64 announceIntervalMs = 1000;
        qint64 peerTimeoutMs = 4000;
        int maxLinks = 0; ///< 0: the node's default
        /**
         * RLIMIT_AS of the process in bytes, 0 for none. Hostile-peer tests set it so that a
         * node an attack makes allocate without bound fails alone (std::bad_alloc) instead of
         * taking the machine's memory from everything else running on it.
         */
        qint64 addressSpaceLimitBytes = 0;
        /** Appended as they are (e.g. --verbose). */
        QStringList extraArguments;
    };

    explicit HeadlessNode(Options options, QObject *parent = nullptr);
    ~HeadlessNode() override;

    Options &options() { return m_options; }

    /**
     * Starts the process and waits for its ready event. Events of an earlier run are cleared.
     * False when the process did not start or did not get ready in time.
     */
    bool start(int timeoutMs = DefaultTimeoutMs);
    /** Kills the process at once (no leave is sent) and waits until it is gone. */
    void kill();
    /** Closes stdin (the node sends a leave and quits) and waits for the process to end. */
    bool closeInputAndWait(int timeoutMs = DefaultTimeoutMs);
    /** Waits for the process to end by itself. */
    bool waitForExit(int timeoutMs = DefaultTimeoutMs);

    /** Writes one line (a message, or a /command) to the node's stdin. */
    void send(const QString &line);
    /** Broadcasts @p text and returns the message id from the queued event; empty on timeout. */
    QString sendMessage(const QString &text, int timeoutMs = DefaultTimeoutMs);

    bool isRunning() const;
    int exitCode() const;
    /** The process ID of the current run (for /proc), 0 when not running. */
    qint64 processId() const;
    /** The data directory (keys, history.sqlite); the same across restarts. */
    QString dataDir() const;
    /** From the ready event of the current run; empty before it. */
    QString peerId() const;
    QString listenUrl() const;
    QString nick() const;

    /** Every event of the current run, in order. */
    const QList<QJsonObject> &events() const { return m_output.all(); }
    /** The events named @p kind ("message", "peer", …). */
    QList<QJsonObject> events(const QString &kind) const;
    bool hasEvent(const QString &kind, const QString &id) const;
    /** Message events carrying message id @p id. */
    QList<QJsonObject> messages(const QString &id) const;
    /** The first message event with id @p id, or an empty object. */
    QJsonObject message(const QString &id) const;
    /** Peers whose latest peer event is joined or updated. */
    QSet<QString> presentPeers() const;
    bool isPresent(const QString &peerId) const { return presentPeers().contains(peerId); }
    /** How many peer events in state @p state ("joined", "left", …) name @p peerId. */
    int peerEventCount(const QString &peerId, const QString &state) const;
    /** The latest peer event that names @p peerId, or an empty object. */
    QJsonObject lastPeerEvent(const QString &peerId) const;

Q_SIGNALS:
    void eventReceived(const QJsonObject &event);

private:
    QStringList arguments() const;
    void readOutput();

    Options m_options;
    std::unique_ptr<QTemporaryDir> m_dataDir;
    std::unique_ptr<QProcess> m_process;
    JsonLineEvents m_output;
    QJsonObject m_ready;
};
