// SPDX-License-Identifier: GPL-3.0-or-later
#include "IdentityFileCodec.h"

#include <algorithm>
#include <optional>

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace {
const QLatin1StringView FormatName("meshcast-identity");
const QLatin1StringView FormatKey("format");
const QLatin1StringView VersionKey("version");
const QLatin1StringView SigningSeedKey("signing_seed");
const QLatin1StringView SigningPublicKey("signing_public_key");
const QLatin1StringView NoiseSecretKey("noise_secret");
const QLatin1StringView NoisePublicKey("noise_public_key");
const QLatin1StringView PeerIdKey("peer_id");

QString hex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

/** Exactly @p size bytes spelled as 2 × size hex digits, or nullopt (fromHex alone skips junk). */
std::optional<QByteArray> fromHex(const QJsonValue &value, qsizetype size)
{
    const QString text = value.toString();
    if (!value.isString() || text.size() != size * 2)
        return std::nullopt;
    const bool allHex = std::all_of(text.begin(), text.end(), [](QChar c) {
        return c.isDigit() || (c.toLower() >= u'a' && c.toLower() <= u'f');
    });
    if (!allHex)
        return std::nullopt;
    return QByteArray::fromHex(text.toLatin1());
}
} // namespace

QByteArray IdentityFileCodec::encode(const Identity &identity)
{
    const QJsonObject object{
        {FormatKey, FormatName},
        {VersionKey, Version},
        {SigningSeedKey, hex(identity.signing().seed())},
        {SigningPublicKey, hex(identity.signing().publicKey())},
        {NoiseSecretKey, hex(identity.noise().secretKey())},
        {NoisePublicKey, hex(identity.noise().publicKey())},
        {PeerIdKey, identity.peerId().toHex()},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

StoreResult<Identity> IdentityFileCodec::decode(QByteArrayView bytes)
{
    using Result = StoreResult<Identity>;
    if (bytes.isEmpty())
        return Result::failure(tr("the file is empty"));
    if (bytes.size() > MaxFileSize)
        return Result::failure(tr("the file is larger than %1 bytes").arg(MaxFileSize));

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Result::failure(tr("it is not valid JSON (%1 at byte %2)")
                                   .arg(parseError.errorString())
                                   .arg(parseError.offset));
    if (!document.isObject())
        return Result::failure(tr("it does not hold a JSON object"));
    const QJsonObject object = document.object();

    if (object.value(FormatKey).toString() != FormatName)
        return Result::failure(
            tr("it is not a Meshcast identity file (\"format\" is not \"%1\")").arg(FormatName));
    const QJsonValue version = object.value(VersionKey);
    if (!version.isDouble())
        return Result::failure(tr("its version is missing or not a number"));
    if (version.toDouble() != Version)
        return Result::failure(
            tr("its version %1 is not supported (this Meshcast reads version %2)")
                .arg(version.toDouble())
                .arg(Version));

    const auto field = [&object](QLatin1StringView key, qsizetype size) {
        return fromHex(object.value(key), size);
    };
    const auto badField = [](QLatin1StringView key, qsizetype size) {
        return Result::failure(
            tr("field \"%1\" is missing or not %2 hex digits").arg(key).arg(size * 2));
    };
    const auto seed = field(SigningSeedKey, SigningKeyPair::SeedSize);
    if (!seed)
        return badField(SigningSeedKey, SigningKeyPair::SeedSize);
    const auto signingPublic = field(SigningPublicKey, SigningKeyPair::PublicKeySize);
    if (!signingPublic)
        return badField(SigningPublicKey, SigningKeyPair::PublicKeySize);
    const auto noiseSecret = field(NoiseSecretKey, NoiseKeyPair::KeySize);
    if (!noiseSecret)
        return badField(NoiseSecretKey, NoiseKeyPair::KeySize);
    const auto noisePublic = field(NoisePublicKey, NoiseKeyPair::KeySize);
    if (!noisePublic)
        return badField(NoisePublicKey, NoiseKeyPair::KeySize);
    const auto peerId = PeerId::fromHex(object.value(PeerIdKey).toString());
    if (!peerId)
        return badField(PeerIdKey, PeerId::Size);

    auto signing = SigningKeyPair::fromSeed(*seed);
    auto noise = NoiseKeyPair::fromSecretKey(*noiseSecret);
    if (!signing || !noise)
        return Result::failure(tr("the keys cannot be derived (cryptography unavailable)"));
    if (signing->publicKey() != *signingPublic)
        return Result::failure(tr("the signing public key does not match the signing seed"));
    if (noise->publicKey() != *noisePublic)
        return Result::failure(tr("the Noise public key does not match the Noise secret"));
    Identity identity(std::move(*signing), std::move(*noise));
    if (identity.peerId() != *peerId)
        return Result::failure(tr("the peer ID does not match the Noise public key"));
    return identity;
}
