// SPDX-License-Identifier: GPL-3.0-or-later
#include "PacketCommand.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QTextStream>

#include "PacketCodec.h"
#include "PacketJson.h"
#include "PacketSigner.h"
#include "SigningKeyPair.h"

#include <algorithm>

namespace {
int print(QTextStream &out, const QJsonObject &object, int exitCode)
{
    out << QJsonDocument(object).toJson(QJsonDocument::Compact) << '\n';
    out.flush();
    return exitCode;
}

int error(QTextStream &out, const QString &kind)
{
    return print(out, {{QStringLiteral("error"), kind}}, 1);
}

std::optional<QByteArray> strictHex(const QString &text)
{
    const QByteArray latin = text.trimmed().toLatin1();
    if (latin.isEmpty() || latin.size() % 2 != 0)
        return std::nullopt;
    const bool allHex = std::all_of(latin.begin(), latin.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    });
    return allHex ? std::optional(QByteArray::fromHex(latin)) : std::nullopt;
}

int decode(const QStringList &arguments, QTextStream &out)
{
    if (arguments.size() != 1)
        return error(out, QStringLiteral("usage"));
    const auto frame = strictHex(arguments.first());
    if (!frame)
        return error(out, QStringLiteral("bad_hex"));
    const auto packet = PacketCodec().decode(*frame);
    if (!packet)
        return error(out, codecErrorName(packet.error()));
    out << PacketJson::describe(*packet) << '\n';
    out.flush();
    return 0;
}

int encode(const QStringList &arguments, QTextStream &out)
{
    if (arguments.size() != 1)
        return error(out, QStringLiteral("usage"));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(arguments.first().toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return error(out, QStringLiteral("bad_json"));
    QString badField;
    const QByteArray text = arguments.first().toUtf8();
    const auto packet =
        PacketJson::parse(document.object(), &badField, PacketJson::rawTimestamp(text));
    if (!packet)
        return print(out,
                     {{QStringLiteral("error"), QStringLiteral("bad_field")},
                      {QStringLiteral("field"), badField}},
                     1);
    const auto frame = PacketCodec::encode(*packet);
    if (!frame)
        return error(out, codecErrorName(frame.error()));
    out << frame->toHex() << '\n';
    out.flush();
    return 0;
}

int verify(const QStringList &arguments, QTextStream &out)
{
    if (arguments.size() != 3 || arguments.at(1) != u"--key")
        return error(out, QStringLiteral("usage"));
    const auto frame = strictHex(arguments.at(0));
    const auto key = strictHex(arguments.at(2));
    if (!frame || !key)
        return error(out, QStringLiteral("bad_hex"));
    if (key->size() != SigningKeyPair::PublicKeySize)
        return error(out, QStringLiteral("bad_key"));
    const auto packet = PacketCodec().decode(*frame);
    if (!packet)
        return error(out, codecErrorName(packet.error()));
    return print(out, {{QStringLiteral("valid"), PacketSigner::verify(*packet, *key)}}, 0);
}
} // namespace

int PacketCommand::run(const QStringList &arguments, QTextStream &out)
{
    const QString verb = arguments.value(0);
    const QStringList rest = arguments.mid(1);
    if (verb == u"decode")
        return decode(rest, out);
    if (verb == u"encode")
        return encode(rest, out);
    if (verb == u"verify")
        return verify(rest, out);
    return error(out, QStringLiteral("usage"));
}
