// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestVectors.h"

#include <QFile>
#include <QJsonDocument>
#include <QtDebug>

namespace TestVectors {

QJsonArray load(const QString &file)
{
    QFile input(QStringLiteral(MESHCAST_TEST_DATA "/vectors/") + file);
    if (!input.open(QIODevice::ReadOnly)) {
        qWarning() << "cannot read" << input.fileName();
        return {};
    }
    return QJsonDocument::fromJson(input.readAll()).object().value(u"vectors").toArray();
}

QJsonObject find(const QString &file, const QString &name)
{
    for (const QJsonValue &vector : load(file)) {
        if (vector[u"name"].toString() == name)
            return vector.toObject();
    }
    qWarning() << "no vector" << name << "in" << file;
    return {};
}

QJsonArray allFrames()
{
    QJsonArray frames;
    for (const char *file : {"frames.json", "padding.json", "signing.json"}) {
        for (const QJsonValue &vector : load(QString::fromLatin1(file)))
            frames.append(vector);
    }
    return frames;
}

QByteArray bytes(const QJsonValue &hex)
{
    return QByteArray::fromHex(hex.toString().toLatin1());
}

Packet packet(const QJsonObject &vector)
{
    const QJsonObject fields = vector[u"fields"].toObject();
    Packet packet;
    packet.version = quint8(fields[u"version"].toInt());
    packet.type = quint8(fields[u"type"].toInt());
    packet.ttl = quint8(fields[u"ttl"].toInt());
    packet.timestamp = quint64(fields[u"timestamp"].toInteger());
    packet.senderId = PeerId::fromBytes(bytes(fields[u"sender_id"])).value_or(PeerId());
    if (!fields[u"recipient_id"].isNull())
        packet.recipientId = PeerId::fromBytes(bytes(fields[u"recipient_id"]));
    if (fields[u"route"].isArray()) {
        QList<PeerId> route;
        for (const QJsonValue &hop : fields[u"route"].toArray())
            route.append(PeerId::fromBytes(bytes(hop)).value_or(PeerId()));
        packet.route = route;
    }
    packet.payload = bytes(fields[u"payload"]);
    if (fields[u"compressed"].toBool())
        packet.compressedPayload = bytes(vector[u"compressed_section"]);
    if (!fields[u"signature"].isNull())
        packet.signature = bytes(fields[u"signature"]);
    packet.isRsr = fields[u"is_rsr"].toBool();
    return packet;
}

QByteArray canonicalFrame(const QJsonObject &vector)
{
    return bytes(vector.contains(u"canonical_hex") ? vector[u"canonical_hex"] : vector[u"hex"]);
}

} // namespace TestVectors
