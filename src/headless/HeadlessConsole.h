// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QObject>

#include "BoundedLineReader.h"
#include "PeerInfo.h"
#include "StoredMessage.h"

class MeshNode;
class QIODevice;
class QSocketNotifier;

/**
 * `meshcast --headless`: a MeshNode driven through text streams. Every event is one JSON object
 * on one line of @p out (docs/CLI.md); every line read from @p in is a broadcast, except the
 * commands `/nick NAME`, `/who`, `/wipe confirm` and `/quit`. End of input quits like `/quit`.
 * Input lines are split by a BoundedLineReader: one longer than 64 KiB is refused whole.
 *
 * Uses (does not own) the node and the two devices; setNode() moves it to another node (after a
 * wipe). Input is read when the event loop says it is readable (a QSocketNotifier on a file
 * descriptor), never by blocking.
 */
class HeadlessConsole : public QObject
{
    Q_OBJECT
public:
    HeadlessConsole(MeshNode &node, QIODevice &out, QObject *parent = nullptr);

    /**
     * Follows @p node from now on (nullptr: none; lines other than /quit are then ignored). The
     * next announceReady() writes every transport's state again.
     */
    void setNode(MeshNode *node);

    /** Reads commands from file descriptor @p fd (0 for stdin). */
    void readFromDescriptor(int fd);
    /** Handles one input line: a command or a broadcast. */
    void handleLine(const QString &line);
    /** Handles bytes as read from the input: complete lines, and refusals of over-long ones. */
    void handleInput(QByteArrayView bytes);

    /** Writes {"event":"ready",…} naming where this node listens ("" when it does not). */
    void announceReady(const QString &listen);
    /** Writes {"event":"error","what":…}. */
    void reportError(const QString &what);
    /** Writes {"event":"warning","what":…}: something the user should know, not a failure. */
    void reportWarning(const QString &what);
    /** Writes {"event":"wiped"}: keys, history and settings are gone; a new ready follows. */
    void reportWiped();
    /** The same event on @p out, for failures before there is a node to drive. */
    static void writeError(QIODevice &out, const QString &what);

Q_SIGNALS:
    /** The user asked to quit (or input ended): the caller sends the leave and exits. */
    void quitRequested();
    /** The user confirmed `/wipe confirm`: the caller wipes, then setNode() on the new node. */
    void wipeRequested();

private:
    void write(const QJsonObject &object) { writeTo(m_out, object); }
    static void writeTo(QIODevice &out, const QJsonObject &object);
    void readAvailable();
    void writePeer(const PeerInfo &peer, const QString &state);
    void writeMessage(const StoredMessage &message);
    void writeWho();
    /** One `transport` event per transport whose state or status text changed. */
    void writeTransports();

    MeshNode *m_node = nullptr;
    QIODevice &m_out;
    QSocketNotifier *m_notifier = nullptr;
    int m_fd = -1;
    BoundedLineReader m_reader;
    QHash<QString, QString> m_lastTransportState; // type -> what was last written
};
