// SPDX-License-Identifier: GPL-3.0-or-later
#include "PacketJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include "MessagePadding.h"
#include "PacketCodec.h"
#include "PayloadCompressor.h"

namespace {
QJsonValue hexOrNull(const std::optional<QByteArray> &bytes)
{
    return bytes ? QJsonValue(QString::fromLatin1(bytes->toHex())) : QJsonValue(QJsonValue::Null);
}

QString hex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

std::optional<QByteArray> parseHex(const QJsonValue &value)
{
    if (!value.isString())
        return std::nullopt;
    const QString text = value.toString();
    if (text.size() % 2 != 0)
        return std::nullopt;
    for (QChar c : text) {
        const QChar lower = c.toLower();
        if (!c.isDigit() && (lower < u'a' || lower > u'f'))
            return std::nullopt;
    }
    return QByteArray::fromHex(text.toLatin1());
}

std::optional<quint64> parseUnsigned(const QJsonValue &value, quint64 max)
{
    // QJsonValue keeps integers up to 2^63 - 1 exactly; a larger or fractional number would be
    // rounded, so it is refused rather than silently changed (the timestamp is read exactly from
    // the text before this, see rawTimestamp()).
    if (value.isDouble()) {
        const qint64 number = value.toInteger(-1);
        if (number < 0 || quint64(number) > max || double(number) != value.toDouble())
            return std::nullopt;
        return quint64(number);
    }
    if (value.isString()) {
        bool ok = false;
        const quint64 number = value.toString().toULongLong(&ok);
        if (ok && number <= max)
            return number;
    }
    return std::nullopt;
}
} // namespace

QByteArray PacketJson::describe(const Packet &packet)
{
    // Every other value here is a number, a boolean, null or hex: the mark cannot collide.
    static const QString timestampMark = QStringLiteral("@timestamp@");
    QJsonObject object;
    object.insert(u"version", packet.version);
    object.insert(u"type", packet.type);
    object.insert(u"ttl", packet.ttl);
    object.insert(u"timestamp", timestampMark); // replaced by the exact number below
    object.insert(u"sender_id", packet.senderId.toHex());
    object.insert(u"recipient_id", packet.recipientId ? QJsonValue(packet.recipientId->toHex())
                                                      : QJsonValue(QJsonValue::Null));
    if (packet.route) {
        QJsonArray route;
        for (const PeerId &hop : *packet.route)
            route.append(hop.toHex());
        object.insert(u"route", route);
    } else {
        object.insert(u"route", QJsonValue::Null);
    }
    object.insert(u"payload", hex(packet.payload));
    object.insert(u"signature", hexOrNull(packet.signature));
    object.insert(u"is_rsr", packet.isRsr);
    object.insert(u"compressed", packet.isCompressed());
    const auto transcript = PacketCodec::signingTranscript(packet);
    object.insert(u"signing_transcript", transcript ? hex(*transcript) : QString());
    const auto frame = PacketCodec::encode(packet);
    object.insert(u"encoded_padded", frame ? hex(MessagePadding::pad(*frame)) : QString());
    QByteArray json = QJsonDocument(object).toJson(QJsonDocument::Compact);
    json.replace('"' + timestampMark.toLatin1() + '"', QByteArray::number(packet.timestamp));
    return json;
}

std::optional<quint64> PacketJson::rawTimestamp(QByteArrayView jsonText)
{
    static const QRegularExpression number(QStringLiteral(R"("timestamp"\s*:\s*(\d+)\s*[,}])"));
    const QRegularExpressionMatch match = number.match(QString::fromUtf8(jsonText));
    if (!match.hasMatch())
        return std::nullopt;
    bool ok = false;
    const quint64 value = match.captured(1).toULongLong(&ok);
    return ok ? std::optional(value) : std::nullopt;
}

CodecResult<Packet> PacketJson::parse(const QJsonObject &object, QString *badField,
                                      std::optional<quint64> exactTimestamp)
{
    auto fail = [&](const char *field) {
        *badField = QString::fromLatin1(field);
        return CodecResult<Packet>(CodecError::MissingField);
    };
    Packet packet;
    const auto version = parseUnsigned(object.value(u"version"), 0xFF);
    const auto type = parseUnsigned(object.value(u"type"), 0xFF);
    const auto ttl = parseUnsigned(object.value(u"ttl"), 0xFF);
    const auto timestamp =
        exactTimestamp ? exactTimestamp : parseUnsigned(object.value(u"timestamp"), ~quint64(0));
    if (!version)
        return fail("version");
    if (!type)
        return fail("type");
    if (!ttl)
        return fail("ttl");
    if (!timestamp)
        return fail("timestamp");
    packet.version = quint8(*version);
    packet.type = quint8(*type);
    packet.ttl = quint8(*ttl);
    packet.timestamp = *timestamp;

    const auto sender = PeerId::fromHex(object.value(u"sender_id").toString());
    if (!sender)
        return fail("sender_id");
    packet.senderId = *sender;
    const QJsonValue recipient = object.value(u"recipient_id");
    if (!recipient.isNull() && !recipient.isUndefined()) {
        packet.recipientId = PeerId::fromHex(recipient.toString());
        if (!packet.recipientId)
            return fail("recipient_id");
    }
    const QJsonValue route = object.value(u"route");
    if (route.isArray()) {
        QList<PeerId> hops;
        for (const QJsonValue &hop : route.toArray()) {
            const auto id = PeerId::fromHex(hop.toString());
            if (!id)
                return fail("route");
            hops.append(*id);
        }
        packet.route = hops;
    } else if (!route.isNull() && !route.isUndefined()) {
        return fail("route");
    }
    const auto payload = parseHex(object.value(u"payload"));
    if (!payload)
        return fail("payload");
    packet.payload = *payload;
    const QJsonValue signature = object.value(u"signature");
    if (!signature.isNull() && !signature.isUndefined()) {
        packet.signature = parseHex(signature);
        if (!packet.signature)
            return fail("signature");
    }
    const QJsonValue rsr = object.value(u"is_rsr");
    if (!rsr.isBool() && !rsr.isUndefined())
        return fail("is_rsr");
    packet.isRsr = rsr.toBool(false);

    const QJsonValue compressed = object.value(u"compressed");
    if (compressed.isUndefined()) {
        packet = PacketCodec::withCompressedPayload(packet);
    } else if (!compressed.isBool()) {
        return fail("compressed");
    } else if (compressed.toBool()) {
        packet.compressedPayload = PayloadCompressor::compress(packet.payload, packet.version,
                                                               PayloadCompressor::Policy::Always);
        if (!packet.compressedPayload)
            return fail("compressed");
    }
    return packet;
}
