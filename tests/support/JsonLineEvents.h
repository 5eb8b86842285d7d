// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

/**
 * The JSON-lines stream `meshcast --headless` writes (docs/CLI.md), as the process tests read it:
 * bytes in as they arrive, one event per complete line out, kept in arrival order.
 */
class JsonLineEvents
{
public:
    /**
     * Adds bytes read from the stream and returns the events the lines they complete hold. A line
     * that is not a JSON object is skipped, and appended to @p rejected when that is given.
     */
    QList<QJsonObject> append(const QByteArray &bytes, QList<QByteArray> *rejected = nullptr);
    void clear();

    const QList<QJsonObject> &all() const { return m_events; }
    /** The events whose "event" member is @p kind, in arrival order. */
    QList<QJsonObject> ofKind(const QString &kind) const;

    /** Removes the complete lines at the front of @p pending and returns them, without '\n'. */
    static QList<QByteArray> takeLines(QByteArray &pending);

private:
    QByteArray m_pending;
    QList<QJsonObject> m_events;
};
