// SPDX-License-Identifier: GPL-3.0-or-later
#include "HeadlessNode.h"

#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <sys/resource.h>

using namespace Qt::StringLiterals;

HeadlessNode::HeadlessNode(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_dataDir(std::make_unique<QTemporaryDir>())
{}

HeadlessNode::~HeadlessNode()
{
    if (m_process) {
        m_process->disconnect(this);
        kill();
    }
}

QStringList HeadlessNode::arguments() const
{
    // These tests are about the mesh over IP: on a machine with a real adapter, Bluetooth would
    // add links (and scanning) that no test controls.
    QStringList args{u"--headless"_s,
                     u"--no-ble"_s,
                     u"--data-dir"_s,
                     m_dataDir->path(),
                     u"--listen"_s,
                     m_options.listen,
                     u"--ttl"_s,
                     QString::number(m_options.ttl),
                     u"--announce-interval-ms"_s,
                     QString::number(m_options.announceIntervalMs),
                     u"--peer-timeout-ms"_s,
                     QString::number(m_options.peerTimeoutMs)};
    if (!m_options.nick.isEmpty())
        args << u"--nick"_s << m_options.nick;
    if (m_options.maxLinks > 0)
        args << u"--max-links"_s << QString::number(m_options.maxLinks);
    for (const QString &peer : m_options.peers)
        args << u"--peer"_s << peer;
    return args + m_options.extraArguments;
}

bool HeadlessNode::start(int timeoutMs)
{
    if (!m_dataDir->isValid() || isRunning())
        return false;
    m_output.clear();
    m_ready = {};
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    connect(m_process.get(), &QProcess::readyReadStandardOutput, this, &HeadlessNode::readOutput);
    connect(m_process.get(), &QProcess::finished, this, &HeadlessNode::readOutput);

    if (const qint64 limit = m_options.addressSpaceLimitBytes; limit > 0) {
        // Runs in the child between fork and exec: setrlimit is async-signal-safe.
        m_process->setChildProcessModifier([limit] {
            const rlimit bound{rlim_t(limit), rlim_t(limit)};
            setrlimit(RLIMIT_AS, &bound);
        });
    }
    // Pipes on both ends, as any program driving the node has them.
    m_process->start(QStringLiteral(MESHCAST_BINARY), arguments());
    if (!m_process->waitForStarted(timeoutMs))
        return false;
    return QTest::qWaitFor([this] { return !m_ready.isEmpty() || !isRunning(); }, timeoutMs) &&
           !m_ready.isEmpty();
}

void HeadlessNode::kill()
{
    if (!isRunning())
        return;
    m_process->kill();
    m_process->waitForFinished(DefaultTimeoutMs);
}

bool HeadlessNode::closeInputAndWait(int timeoutMs)
{
    if (!isRunning())
        return false;
    m_process->closeWriteChannel();
    return waitForExit(timeoutMs);
}

bool HeadlessNode::waitForExit(int timeoutMs)
{
    return QTest::qWaitFor([this] { return !isRunning(); }, timeoutMs);
}

void HeadlessNode::send(const QString &line)
{
    if (isRunning())
        m_process->write(line.toUtf8() + '\n');
}

QString HeadlessNode::sendMessage(const QString &text, int timeoutMs)
{
    const qsizetype before = events(u"queued"_s).size();
    send(text);
    if (!QTest::qWaitFor([&] { return events(u"queued"_s).size() > before; }, timeoutMs))
        return {};
    return events(u"queued"_s).at(before).value(u"id"_s).toString();
}

bool HeadlessNode::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

int HeadlessNode::exitCode() const
{
    return m_process ? m_process->exitCode() : -1;
}

qint64 HeadlessNode::processId() const
{
    return isRunning() ? m_process->processId() : 0;
}

QString HeadlessNode::dataDir() const
{
    return m_dataDir->path();
}

QString HeadlessNode::peerId() const
{
    return m_ready.value(u"peer_id"_s).toString();
}

QString HeadlessNode::listenUrl() const
{
    return m_ready.value(u"listen"_s).toString();
}

QString HeadlessNode::nick() const
{
    return m_ready.value(u"nick"_s).toString();
}

QList<QJsonObject> HeadlessNode::events(const QString &kind) const
{
    return m_output.ofKind(kind);
}

bool HeadlessNode::hasEvent(const QString &kind, const QString &id) const
{
    for (const QJsonObject &event : m_output.all()) {
        if (event.value(u"event"_s).toString() == kind && event.value(u"id"_s).toString() == id)
            return true;
    }
    return false;
}

QList<QJsonObject> HeadlessNode::messages(const QString &id) const
{
    QList<QJsonObject> found;
    for (const QJsonObject &event : events(u"message"_s)) {
        if (event.value(u"id"_s).toString() == id)
            found.append(event);
    }
    return found;
}

QJsonObject HeadlessNode::message(const QString &id) const
{
    const QList<QJsonObject> found = messages(id);
    return found.isEmpty() ? QJsonObject() : found.first();
}

QSet<QString> HeadlessNode::presentPeers() const
{
    QSet<QString> present;
    for (const QJsonObject &event : events(u"peer"_s)) {
        const QString id = event.value(u"peer_id"_s).toString();
        if (event.value(u"state"_s).toString() == u"left")
            present.remove(id);
        else
            present.insert(id);
    }
    return present;
}

int HeadlessNode::peerEventCount(const QString &peerId, const QString &state) const
{
    int count = 0;
    for (const QJsonObject &event : events(u"peer"_s)) {
        if (event.value(u"peer_id"_s).toString() == peerId &&
            event.value(u"state"_s).toString() == state)
            ++count;
    }
    return count;
}

QJsonObject HeadlessNode::lastPeerEvent(const QString &peerId) const
{
    QJsonObject last;
    for (const QJsonObject &event : events(u"peer"_s)) {
        if (event.value(u"peer_id"_s).toString() == peerId)
            last = event;
    }
    return last;
}

void HeadlessNode::readOutput()
{
    QList<QByteArray> rejected;
    const QList<QJsonObject> added = m_output.append(m_process->readAllStandardOutput(), &rejected);
    for (const QByteArray &line : std::as_const(rejected))
        qWarning("%s: not a JSON object on stdout: %s", qPrintable(m_options.nick),
                 line.constData());
    for (const QJsonObject &event : added) {
        if (m_ready.isEmpty() && event.value(u"event"_s).toString() == u"ready") {
            m_ready = event;
            // A restart keeps the port the node got, so dialers find it again.
            const QUrl url(event.value(u"listen"_s).toString());
            if (url.isValid() && url.port() > 0)
                m_options.listen = u"%1:%2"_s.arg(url.host()).arg(url.port());
        }
        Q_EMIT eventReceived(event);
    }
}
