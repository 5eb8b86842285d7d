// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QMutex>
#include <QObject>
#include <QtQml/qqmlregistration.h>

#include "LogEntry.h"

/**
 * Captures the process's log for the log pane: a Qt message handler that keeps the last
 * `capacity` lines in a ring buffer and announces each new one on the event loop, while still
 * passing every line on to the previous handler (stderr).
 *
 * Qt has one message handler per process, so one LogCapture is created in main() and handed to
 * whoever shows the log; install() makes it the handler until it is destroyed. Lines may come from
 * any thread: the buffer is locked and entryAdded is delivered queued to this object's thread.
 */
class LogCapture : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("LogCapture is created by the application.")
public:
    static constexpr int DefaultCapacity = 2000;

    explicit LogCapture(int capacity = DefaultCapacity, QObject *parent = nullptr);
    ~LogCapture() override;

    /** Becomes the process's message handler (chaining to the one before). */
    void install();
    /** Records one line, as the handler does; public so tests can feed lines directly. */
    void record(QtMsgType type, const QString &category, const QString &message);

    QList<LogEntry> entries() const;
    /** Forgets every line recorded so far (an emergency wipe leaves no trace of the old log). */
    void clear();
    int capacity() const { return m_capacity; }

Q_SIGNALS:
    void entryAdded(const LogEntry &entry);

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message);

    const int m_capacity;
    mutable QMutex m_mutex;
    QList<LogEntry> m_ring; // oldest first, at most m_capacity
    QtMessageHandler m_previous = nullptr;
    bool m_installed = false;
};
