// SPDX-License-Identifier: GPL-3.0-or-later
#include "NodeProcess.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

NodeProcess::NodeProcess(QObject *parent)
    : QObject(parent)
{}

NodeProcess::~NodeProcess()
{
    if (isRunning()) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(5000);
    }
}

bool NodeProcess::start(const QStringList &arguments, const QProcessEnvironment &environment,
                        int timeoutMs)
{
    if (!m_dataDir.isValid())
        return false;
    m_process = std::make_unique<QProcess>();
    m_process->setProcessEnvironment(environment);
    connect(m_process.get(), &QProcess::readyReadStandardOutput, this, &NodeProcess::readOutput);
    connect(m_process.get(), &QProcess::readyReadStandardError, this, &NodeProcess::readErrors);
    m_process->start(QStringLiteral(MESHCAST_BINARY),
                     QStringList{u"--headless"_s, u"--data-dir"_s, m_dataDir.path()} + arguments);
    if (!m_process->waitForStarted(timeoutMs))
        return false;
    return QTest::qWaitFor([this] { return !m_ready.isEmpty() || !isRunning(); }, timeoutMs) &&
           !m_ready.isEmpty();
}

bool NodeProcess::quit(int timeoutMs)
{
    if (!isRunning())
        return false;
    m_process->closeWriteChannel();
    return QTest::qWaitFor([this] { return !isRunning(); }, timeoutMs);
}

void NodeProcess::send(const QString &line)
{
    if (isRunning())
        m_process->write(line.toUtf8() + '\n');
}

bool NodeProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

int NodeProcess::exitCode() const
{
    return m_process ? m_process->exitCode() : -1;
}

QList<QJsonObject> NodeProcess::events(const QString &kind) const
{
    return m_output.ofKind(kind);
}

QList<QJsonObject> NodeProcess::messages(const QString &text) const
{
    QList<QJsonObject> found;
    for (const QJsonObject &event : events(u"message"_s)) {
        if (event.value(u"text"_s).toString() == text)
            found.append(event);
    }
    return found;
}

QStringList NodeProcess::logLinesWith(const QString &text) const
{
    QStringList found;
    for (const QString &line : m_log) {
        if (line.contains(text))
            found.append(line);
    }
    return found;
}

void NodeProcess::readOutput()
{
    for (const QJsonObject &event : m_output.append(m_process->readAllStandardOutput())) {
        if (m_ready.isEmpty() && event.value(u"event"_s).toString() == u"ready"_s)
            m_ready = event;
    }
}

void NodeProcess::readErrors()
{
    m_err += m_process->readAllStandardError();
    for (const QByteArray &line : JsonLineEvents::takeLines(m_err))
        m_log.append(QString::fromUtf8(line));
}
