// SPDX-License-Identifier: GPL-3.0-or-later
#include "JsonLineEvents.h"

#include <QJsonDocument>

QList<QJsonObject> JsonLineEvents::append(const QByteArray &bytes, QList<QByteArray> *rejected)
{
    m_pending += bytes;
    QList<QJsonObject> added;
    for (const QByteArray &line : takeLines(m_pending)) {
        const QJsonDocument document = QJsonDocument::fromJson(line);
        if (!document.isObject()) {
            if (rejected)
                rejected->append(line);
            continue;
        }
        added.append(document.object());
    }
    m_events += added;
    return added;
}

void JsonLineEvents::clear()
{
    m_pending.clear();
    m_events.clear();
}

QList<QJsonObject> JsonLineEvents::ofKind(const QString &kind) const
{
    QList<QJsonObject> found;
    for (const QJsonObject &event : m_events) {
        if (event.value(u"event").toString() == kind)
            found.append(event);
    }
    return found;
}

QList<QByteArray> JsonLineEvents::takeLines(QByteArray &pending)
{
    QList<QByteArray> lines;
    qsizetype newline;
    while ((newline = pending.indexOf('\n')) >= 0) {
        lines.append(pending.left(newline));
        pending.remove(0, newline + 1);
    }
    return lines;
}
