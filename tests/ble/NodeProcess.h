// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

#include "JsonLineEvents.h"

/**
 * One real `meshcast --headless` process for the BLE tests, in an environment the test chooses
 * (which system bus it sees, which BlueZ version it assumes). Collects the JSON events it prints
 * on stdout and the log lines it prints on stderr, for bounded waits with QTRY_… macros.
 * Owns the process and a temporary data directory; kills the process when destroyed.
 */
class NodeProcess : public QObject
{
    Q_OBJECT
public:
    explicit NodeProcess(QObject *parent = nullptr);
    ~NodeProcess() override;

    /** Starts the node and waits for its ready event. */
    bool start(const QStringList &arguments, const QProcessEnvironment &environment,
               int timeoutMs = 10'000);
    /** Closes stdin (the node leaves and quits) and waits for it to exit. */
    bool quit(int timeoutMs = 10'000);
    void send(const QString &line);
    bool isRunning() const;
    int exitCode() const;
    QString dataDir() const { return m_dataDir.path(); }

    QJsonObject ready() const { return m_ready; }
    QList<QJsonObject> events(const QString &kind) const;
    /** Message events with text @p text. */
    QList<QJsonObject> messages(const QString &text) const;
    /** Every stderr line so far. */
    const QStringList &logLines() const { return m_log; }
    /** The log lines containing @p text. */
    QStringList logLinesWith(const QString &text) const;
    /** The whole log, for failure messages. */
    QString log() const { return m_log.join(u'\n'); }

private:
    void readOutput();
    void readErrors();

    QTemporaryDir m_dataDir;
    std::unique_ptr<QProcess> m_process;
    JsonLineEvents m_output;
    QByteArray m_err;
    QStringList m_log;
    QJsonObject m_ready;
};
