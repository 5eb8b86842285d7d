// SPDX-License-Identifier: GPL-3.0-or-later
#include "LogModel.h"

#include "PeerText.h"

LogModel::LogModel(QObject *parent)
    : QAbstractListModel(parent)
{}

void LogModel::setCapture(LogCapture *capture)
{
    if (m_capture == capture)
        return;
    if (m_capture)
        disconnect(m_capture, nullptr, this, nullptr);
    beginResetModel(); // the whole source changes
    m_capture = capture;
    m_entries = m_capture ? m_capture->entries() : QList<LogEntry>();
    endResetModel();
    if (m_capture)
        connect(m_capture, &LogCapture::entryAdded, this, &LogModel::append);
    Q_EMIT captureChanged();
}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LogEntry &entry = m_entries.at(index.row());
    switch (Roles(role)) {
    case TimeRole:
        return entry.time;
    case LevelRole:
        return levelOf(entry.type);
    case CategoryRole:
        return entry.category;
    case MessageRole:
        // Log lines quote peer strings mid-sentence: an override there would reorder the rest.
        return PeerText::revealBidiControls(entry.message);
    }
    return {};
}

QHash<int, QByteArray> LogModel::roleNames() const
{
    return {{TimeRole, "time"},
            {LevelRole, "level"},
            {CategoryRole, "category"},
            {MessageRole, "message"}};
}

LogModel::Level LogModel::levelOf(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return Debug;
    case QtInfoMsg:
        return Info;
    case QtWarningMsg:
        return Warning;
    case QtCriticalMsg:
    case QtFatalMsg:
        return Critical;
    }
    return Debug;
}

void LogModel::append(const LogEntry &entry)
{
    if (m_capture && m_entries.size() >= m_capture->capacity()) {
        beginRemoveRows({}, 0, 0);
        m_entries.removeFirst();
        endRemoveRows();
    }
    const int at = int(m_entries.size());
    beginInsertRows({}, at, at);
    m_entries.append(entry);
    endInsertRows();
}
