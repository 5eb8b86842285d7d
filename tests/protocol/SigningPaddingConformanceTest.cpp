// SPDX-License-Identifier: GPL-3.0-or-later
#include <QTest>

#include "MessagePadding.h"
#include "PacketCodec.h"
#include "PacketFlags.h"
#include "PacketSigner.h"
#include "RejectionCounters.h"
#include "SigningKeyPair.h"
#include "TestVectors.h"

/**
 * One test per signing and padding item of the spec's wire-format checklist (07 §1, items on
 * 01 §4.4, §5 and §6), named after the item: the 64-byte signature, the signing transcript
 * (ttl 0, no signature, isRSR clear, always padded), which types are padded on the wire, the
 * 255-byte pad limit at every bucket edge, and unpadded-first decoding. The other 07 §1 items are
 * in WireConformanceTest.
 */
class SigningPaddingConformanceTest : public QObject
{
    Q_OBJECT

private slots:
    void signatureIs64BytesAfterPayload();
    void signatureCoversTtl0UnsignedRsrClearedPaddedFrame_data();
    void signatureCoversTtl0UnsignedRsrClearedPaddedFrame();
    void onlyNoiseTypesPaddedOnWire_data();
    void onlyNoiseTypesPaddedOnWire();
    void frameNeedingOver255PadBytesIsUnpadded_data();
    void frameNeedingOver255PadBytesIsUnpadded();
    void decoderTriesUnpaddedFirst_data();
    void decoderTriesUnpaddedFirst();
};

namespace {
Packet vectorPacket(const char *file, const char *name)
{
    return TestVectors::packet(
        TestVectors::find(QString::fromLatin1(file), QString::fromLatin1(name)));
}
} // namespace

void SigningPaddingConformanceTest::signatureIs64BytesAfterPayload()
{
    const QJsonObject vector =
        TestVectors::find(QStringLiteral("signing.json"), QStringLiteral("signed-v1-message-rsr"));
    const QByteArray frame = TestVectors::bytes(vector[u"hex"]);
    const auto packet = PacketCodec().decode(frame);
    QVERIFY(packet.ok());
    QCOMPARE(packet->signature->size(), 64);
    QCOMPARE(frame.last(64), *packet->signature);
    QCOMPARE(frame.size(), 14 + 8 + packet->payload.size() + 64);
    QCOMPARE(frame.sliced(22, packet->payload.size()), packet->payload);

    for (const int size : {0, 63, 65}) {
        Packet wrong = *packet;
        wrong.signature = QByteArray(size, 's');
        QCOMPARE(PacketCodec::encode(wrong).error(), CodecError::BadSignatureLength);
    }
    QCOMPARE(PacketCodec().decode(frame.chopped(1)).error(), CodecError::Truncated);
}

void SigningPaddingConformanceTest::signatureCoversTtl0UnsignedRsrClearedPaddedFrame_data()
{
    QTest::addColumn<QJsonObject>("vector");
    for (const QJsonValue &vector : TestVectors::load(QStringLiteral("signing.json")))
        QTest::newRow(qPrintable(vector[u"name"].toString())) << vector.toObject();
}

void SigningPaddingConformanceTest::signatureCoversTtl0UnsignedRsrClearedPaddedFrame()
{
    QFETCH(QJsonObject, vector);
    const auto key = SigningKeyPair::fromSeed(QByteArray::fromHex(
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")); // RFC 8032 TEST 1
    QVERIFY(key);
    QCOMPARE(key->publicKey(), TestVectors::bytes(vector[u"public_key"]));
    const Packet packet = TestVectors::packet(vector);
    const QByteArray transcript = TestVectors::bytes(vector[u"signing_transcript"]);
    QCOMPARE(PacketCodec::signingTranscript(packet)->toHex(), transcript.toHex());
    QCOMPARE(transcript[2], '\0'); // ttl 0
    QCOMPARE(quint8(transcript[11]) & (PacketFlag::HasSignature | PacketFlag::IsRsr), 0);
    QCOMPARE(MessagePadding::targetSize(transcript.size()), transcript.size()); // already padded

    const bool valid = vector[u"valid"].toBool();
    QCOMPARE(PacketSigner::verify(packet, key->publicKey()), valid);
    if (!valid)
        return;
    QCOMPARE(key->sign(transcript), *packet.signature); // Ed25519 is deterministic
    Packet unsigned_ = packet;
    unsigned_.signature.reset();
    QCOMPARE(PacketSigner::sign(unsigned_, *key)->signature, packet.signature);

    Packet relayed = packet; // what relays change after signing must not matter
    relayed.ttl = 1;
    relayed.isRsr = !packet.isRsr;
    QVERIFY(PacketSigner::verify(relayed, key->publicKey()));
    Packet tampered = packet;
    tampered.timestamp += 1;
    QVERIFY(!PacketSigner::verify(tampered, key->publicKey()));
}

void SigningPaddingConformanceTest::onlyNoiseTypesPaddedOnWire_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<bool>("padded");
    const QList<std::pair<const char *, int>> types{
        {"announce", 0x01},        {"message", 0x02},    {"leave", 0x03},
        {"courierEnvelope", 0x04}, {"fragment", 0x20},   {"requestSync", 0x21},
        {"fileTransfer", 0x22},    {"boardPost", 0x23},  {"prekeyBundle", 0x24},
        {"groupMessage", 0x25},    {"ping", 0x26},       {"pong", 0x27},
        {"nostrCarrier", 0x28},    {"voiceFrame", 0x29}, {"unknown 0x7f", 0x7F}};
    for (const auto &[name, type] : types)
        QTest::newRow(name) << type << false;
    QTest::newRow("noiseHandshake") << 0x10 << true;
    QTest::newRow("noiseEncrypted") << 0x11 << true;
}

void SigningPaddingConformanceTest::onlyNoiseTypesPaddedOnWire()
{
    QFETCH(int, type);
    QFETCH(bool, padded);
    Packet packet = vectorPacket("frames.json", "v1-broadcast");
    packet.type = quint8(type);
    QCOMPARE(isPaddedOnWire(packet.type), padded);
    const auto natural = PacketCodec::encode(packet);
    const auto wire = PacketCodec::encodeForWire(packet);
    QCOMPARE(natural->size(), 27);
    QCOMPARE(wire->size(), padded ? 256 : 27);
    QCOMPARE(wire->first(27), *natural);
    // The signing transcript is padded whatever the type.
    QCOMPARE(PacketCodec::signingTranscript(packet)->size(), 256);
}

void SigningPaddingConformanceTest::frameNeedingOver255PadBytesIsUnpadded_data()
{
    QTest::addColumn<QJsonObject>("vector");
    for (const QJsonValue &vector : TestVectors::load(QStringLiteral("padding.json")))
        QTest::newRow(qPrintable(vector[u"name"].toString())) << vector.toObject();
}

void SigningPaddingConformanceTest::frameNeedingOver255PadBytesIsUnpadded()
{
    QFETCH(QJsonObject, vector);
    const qsizetype natural = vector[u"natural_size"].toInteger();
    const qsizetype wire = vector[u"wire_size"].toInteger();
    QCOMPARE(MessagePadding::targetSize(natural), wire);
    const Packet packet = TestVectors::packet(vector);
    const auto frame = PacketCodec::encodeForWire(packet);
    QCOMPARE(frame->toHex(), vector[u"hex"].toString().toLatin1());
    const qsizetype pad = wire - natural;
    QVERIFY(pad == 0 || (pad >= MessagePadding::EncryptionAllowance && pad <= 255));
    for (qsizetype i = natural; i < wire; ++i)
        QCOMPARE(quint8(frame->at(i)), quint8(pad));
    QCOMPARE(*PacketCodec().decode(*frame), packet);
    // The signing transcript follows the same rule for a type that is not padded on the wire.
    Packet message = packet;
    message.type = 0x02;
    message.ttl = 0;
    QCOMPARE(PacketCodec::signingTranscript(message)->size(), wire);
}

void SigningPaddingConformanceTest::decoderTriesUnpaddedFirst_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("payload ends in 01") << QByteArray("text\x01");
    QTest::newRow("payload ends in 02 02") << QByteArray("text\x02\x02");
    QTest::newRow("payload is sixteen 0x10") << QByteArray(16, '\x10');
    QTest::newRow("payload is five 0x05") << QByteArray(5, '\x05');
}

void SigningPaddingConformanceTest::decoderTriesUnpaddedFirst()
{
    QFETCH(QByteArray, payload);
    Packet packet = vectorPacket("frames.json", "v1-broadcast");
    packet.payload = payload;
    RejectionCounters counters;
    PacketCodec codec(&counters);
    // Unpadded, the tail looks like PKCS#7 padding: stripping first would cut the payload.
    const auto natural = codec.decode(*PacketCodec::encode(packet));
    QVERIFY2(natural.ok(), TestVectors::outcome(natural).constData());
    QCOMPARE(natural->payload, payload);
    // Padded, the unpadded attempt fails and the retry after stripping succeeds.
    const auto padded = codec.decode(MessagePadding::pad(*PacketCodec::encode(packet)));
    QVERIFY2(padded.ok(), TestVectors::outcome(padded).constData());
    QCOMPARE(*padded, packet);
    QCOMPARE(counters.total(), quint64(0));
}

QTEST_GUILESS_MAIN(SigningPaddingConformanceTest)
#include "SigningPaddingConformanceTest.moc"
