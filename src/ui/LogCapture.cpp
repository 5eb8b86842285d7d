// SPDX-License-Identifier: GPL-3.0-or-later
#include "LogCapture.h"

#include <QMetaObject>

#include <atomic>

namespace {
// The C callback Qt calls has no user data: the installed capture is found here.
std::atomic<LogCapture *> installedCapture{nullptr};
} // namespace

LogCapture::LogCapture(int capacity, QObject *parent)
    : QObject(parent)
    , m_capacity(std::max(1, capacity))
{}

LogCapture::~LogCapture()
{
    if (m_installed) {
        installedCapture.store(nullptr);
        qInstallMessageHandler(m_previous);
    }
}

void LogCapture::install()
{
    if (m_installed)
        return;
    installedCapture.store(this);
    m_previous = qInstallMessageHandler(&LogCapture::handle);
    m_installed = true;
}

void LogCapture::record(QtMsgType type, const QString &category, const QString &message)
{
    const LogEntry entry{QDateTime::currentDateTime(), type, category, message};
    {
        QMutexLocker lock(&m_mutex);
        if (m_ring.size() >= m_capacity)
            m_ring.removeFirst();
        m_ring.append(entry);
    }
    QMetaObject::invokeMethod(
        this, [this, entry] { Q_EMIT entryAdded(entry); }, Qt::QueuedConnection);
}

void LogCapture::clear()
{
    QMutexLocker lock(&m_mutex);
    m_ring.clear();
}

QList<LogEntry> LogCapture::entries() const
{
    QMutexLocker lock(&m_mutex);
    return m_ring;
}

void LogCapture::handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    LogCapture *capture = installedCapture.load();
    if (!capture)
        return;
    capture->record(type, QString::fromLatin1(context.category ? context.category : "default"),
                    message);
    if (capture->m_previous)
        capture->m_previous(type, context, message);
}
