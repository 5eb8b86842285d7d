// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

#include "LogCapture.h"

/**
 * The live log for the log drawer, oldest first: the LogCapture's buffer when `capture` is set,
 * then each new line appended. Bounded like the capture: past its capacity the oldest row is
 * removed (beginRemoveRows) before a new one is inserted.
 */
class LogModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(LogCapture *capture READ capture WRITE setCapture NOTIFY captureChanged)
public:
    enum Roles
    {
        TimeRole = Qt::UserRole + 1, ///< QDateTime
        LevelRole,                   ///< Level
        CategoryRole,                ///< "meshcast.mesh", "qt.network.ssl", …
        MessageRole,                 ///< the text, bidi controls written out as "<U+202E>"
    };
    Q_ENUM(Roles)
    enum Level
    {
        Debug,
        Info,
        Warning,
        Critical
    };
    Q_ENUM(Level)

    explicit LogModel(QObject *parent = nullptr);

    LogCapture *capture() const { return m_capture; }
    void setCapture(LogCapture *capture);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    static Level levelOf(QtMsgType type);

Q_SIGNALS:
    void captureChanged();

private:
    void append(const LogEntry &entry);

    QPointer<LogCapture> m_capture;
    QList<LogEntry> m_entries;
};
