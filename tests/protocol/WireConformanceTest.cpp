// SPDX-License-Identifier: GPL-3.0-or-later
#include <QTest>

#include "AnnouncePayload.h"
#include "PacketCodec.h"
#include "PacketFlags.h"
#include "PayloadCompressor.h"
#include "RejectionCounters.h"
#include "TestVectors.h"
#include "TlvReader.h"
#include "TlvWriter.h"

/**
 * One test per item of the spec's wire-format checklist (07 §1), named after the item, checked
 * against the hand-derived vectors of tests/data/vectors: versions, header, flags, sections,
 * source route, compression preamble, type table and TLV framings. The signature, signing
 * transcript and padding items are in SigningPaddingConformanceTest.
 *
 * Not here: "A relay MUST NOT forward a packet once its ttl reaches 0" (07 §1, third item) is a
 * relay decision. The codec carries ttl 0 like any other value (see headerIs14BytesV1And16BytesV2);
 * the rule belongs to the mesh router and is tested with it.
 */
class WireConformanceTest : public QObject
{
    Q_OBJECT

private slots:
    void rejectsVersionOtherThan1Or2_data();
    void rejectsVersionOtherThan1Or2();
    void headerIs14BytesV1And16BytesV2_data();
    void headerIs14BytesV1And16BytesV2();
    void flagsBitfieldMatchesTable_data();
    void flagsBitfieldMatchesTable();
    void hasRouteRejectedOnV1();
    void reservedFlagBitsZeroOnEncodeIgnoredOnDecode_data();
    void reservedFlagBitsZeroOnEncodeIgnoredOnDecode();
    void variableSectionOrderIsFixed();
    void sourceRouteIsCountPlusIdsOutsidePayloadLength_data();
    void sourceRouteIsCountPlusIdsOutsidePayloadLength();
    void compressedPayloadHasSizePreamble_data();
    void compressedPayloadHasSizePreamble();
    void unknownTypeDecodesForSkipping_data();
    void unknownTypeDecodesForSkipping();
    void tlv8AndTlv16SkipUnknownTypes();
};

namespace {
QByteArray vectorHex(const char *file, const char *name)
{
    return TestVectors::bytes(
        TestVectors::find(QString::fromLatin1(file), QString::fromLatin1(name))[u"hex"]);
}

Packet vectorPacket(const char *file, const char *name)
{
    return TestVectors::packet(
        TestVectors::find(QString::fromLatin1(file), QString::fromLatin1(name)));
}

PeerId id(quint8 fill)
{
    return *PeerId::fromBytes(QByteArray(PeerId::Size, char(fill)));
}
} // namespace

void WireConformanceTest::rejectsVersionOtherThan1Or2_data()
{
    QTest::addColumn<int>("version");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("version 0 rejected") << 0 << false;
    QTest::newRow("version 1 accepted") << 1 << true;
    QTest::newRow("version 2 accepted") << 2 << true;
    QTest::newRow("version 3 rejected") << 3 << false;
    QTest::newRow("version 0x7f rejected") << 0x7F << false;
    QTest::newRow("version 0xff rejected") << 0xFF << false;
}

void WireConformanceTest::rejectsVersionOtherThan1Or2()
{
    QFETCH(int, version);
    QFETCH(bool, accepted);
    // v1-broadcast with only the version byte changed (v2 reads two more length bytes).
    QByteArray frame = version == 2 ? vectorHex("frames.json", "v2-broadcast")
                                    : vectorHex("frames.json", "v1-broadcast");
    frame[0] = char(version);
    const auto decoded = PacketCodec().decode(frame);
    QCOMPARE(decoded.ok(), accepted);
    Packet packet = vectorPacket("frames.json", "v1-broadcast");
    packet.version = quint8(version);
    QCOMPARE(PacketCodec::encode(packet).ok(), accepted);
    if (!accepted) {
        QCOMPARE(decoded.error(), CodecError::UnsupportedVersion);
        QCOMPARE(PacketCodec::encode(packet).error(), CodecError::UnsupportedVersion);
    }
}

void WireConformanceTest::headerIs14BytesV1And16BytesV2_data()
{
    QTest::addColumn<int>("version");
    QTest::addColumn<QByteArray>("header");
    // version, type 0x02, ttl 0x00, timestamp 0x0102030405060708, flags 0, payloadLength 0x0102.
    QTest::newRow("v1: 2-byte payloadLength")
        << 1 << QByteArray::fromHex("0102000102030405060708000102");
    QTest::newRow("v2: 4-byte payloadLength")
        << 2 << QByteArray::fromHex("02020001020304050607080000000102");
}

void WireConformanceTest::headerIs14BytesV1And16BytesV2()
{
    QFETCH(int, version);
    QFETCH(QByteArray, header);
    QCOMPARE(header.size(), version == 1 ? 14 : 16);
    Packet packet;
    packet.version = quint8(version);
    packet.type = 0x02;
    packet.ttl = 0; // carried like any other value: not relaying it is the router's job
    packet.timestamp = 0x0102030405060708ULL;
    packet.senderId = id(0x5A);
    packet.payload = QByteArray(0x0102, 'p');
    const auto frame = PacketCodec::encode(packet);
    QVERIFY(frame.ok());
    QCOMPARE(frame->first(header.size()).toHex(), header.toHex());
    QCOMPARE(frame->size(), header.size() + PeerId::Size + 0x0102);
    QCOMPARE(frame->sliced(header.size(), PeerId::Size), packet.senderId.toBytes());
    const auto decoded = PacketCodec().decode(*frame);
    QVERIFY(decoded.ok());
    QCOMPARE(*decoded, packet);
}

void WireConformanceTest::flagsBitfieldMatchesTable_data()
{
    QTest::addColumn<int>("flag");
    QTest::newRow("hasRecipient is 0x01") << int(PacketFlag::HasRecipient);
    QTest::newRow("hasSignature is 0x02") << int(PacketFlag::HasSignature);
    QTest::newRow("isCompressed is 0x04") << int(PacketFlag::IsCompressed);
    QTest::newRow("hasRoute is 0x08") << int(PacketFlag::HasRoute);
    QTest::newRow("isRSR is 0x10") << int(PacketFlag::IsRsr);
    QTest::newRow("all five are 0x1f") << 0x1F;
}

void WireConformanceTest::flagsBitfieldMatchesTable()
{
    QFETCH(int, flag);
    QCOMPARE(PacketFlag::HasRecipient, 0x01);
    QCOMPARE(PacketFlag::HasSignature, 0x02);
    QCOMPARE(PacketFlag::IsCompressed, 0x04);
    QCOMPARE(PacketFlag::HasRoute, 0x08);
    QCOMPARE(PacketFlag::IsRsr, 0x10);
    Packet packet = vectorPacket("frames.json", "v2-broadcast");
    packet.payload = QByteArray(120, 'z');
    if (flag & 0x01)
        packet.recipientId = id(0x11);
    if (flag & 0x02)
        packet.signature = QByteArray(Packet::SignatureSize, '\x5A');
    if (flag & 0x04)
        packet.compressedPayload =
            PayloadCompressor::compress(packet.payload, 2, PayloadCompressor::Policy::Always);
    if (flag & 0x08)
        packet.route = QList<PeerId>{id(0x22)};
    packet.isRsr = flag & 0x10;
    const auto frame = PacketCodec::encode(packet);
    QVERIFY(frame.ok());
    QCOMPARE(int(quint8(frame->at(11))), flag);
    const auto decoded = PacketCodec().decode(*frame);
    QVERIFY2(decoded.ok(), TestVectors::outcome(decoded).constData());
    QCOMPARE(*decoded, packet);
}

void WireConformanceTest::hasRouteRejectedOnV1()
{
    Packet packet = vectorPacket("frames.json", "v2-source-route");
    QVERIFY(PacketCodec::encode(packet).ok());
    packet.version = 1;
    QCOMPARE(PacketCodec::encode(packet).error(), CodecError::RouteOnV1);
    packet.route = QList<PeerId>{};
    QCOMPARE(PacketCodec::encode(packet).error(), CodecError::RouteOnV1);

    const QJsonObject malformed =
        TestVectors::find(QStringLiteral("malformed.json"), QStringLiteral("has-route-on-v1"));
    const auto decoded = PacketCodec().decode(TestVectors::bytes(malformed[u"hex"]));
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error(), CodecError::RouteOnV1);
}

void WireConformanceTest::reservedFlagBitsZeroOnEncodeIgnoredOnDecode_data()
{
    QTest::addColumn<int>("reserved");
    QTest::newRow("bit 5 (0x20)") << 0x20;
    QTest::newRow("bit 6 (0x40)") << 0x40;
    QTest::newRow("bit 7 (0x80)") << 0x80;
    QTest::newRow("bits 5-7 (0xe0)") << 0xE0;
}

void WireConformanceTest::reservedFlagBitsZeroOnEncodeIgnoredOnDecode()
{
    QFETCH(int, reserved);
    for (const char *name : {"v1-broadcast", "v1-recipient", "v2-source-route", "v1-compressed"}) {
        const QByteArray clean = vectorHex("frames.json", name);
        QByteArray marked = clean;
        marked[11] = char(quint8(marked[11]) | reserved);
        RejectionCounters counters;
        const auto decoded = PacketCodec(&counters).decode(marked);
        QVERIFY2(decoded.ok(), name);
        QCOMPARE(*decoded, vectorPacket("frames.json", name));
        QCOMPARE(counters.total(), quint64(0));
        QCOMPARE(PacketCodec::encode(*decoded)->toHex(), clean.toHex());
    }
    const QJsonObject vector =
        TestVectors::find(QStringLiteral("frames.json"), QStringLiteral("v1-reserved-bits"));
    const auto decoded = PacketCodec().decode(TestVectors::bytes(vector[u"hex"]));
    QVERIFY(decoded.ok());
    QCOMPARE(quint8(PacketCodec::encode(*decoded)->at(11)) & 0xE0, 0);
}

void WireConformanceTest::variableSectionOrderIsFixed()
{
    // v2, all five sections: header 16, sender 8, recipient 8, route 1 + 3 × 8, payload, signature.
    const QJsonObject vector =
        TestVectors::find(QStringLiteral("signing.json"), QStringLiteral("signed-v2-all-sections"));
    const QByteArray frame = TestVectors::bytes(vector[u"hex"]);
    const auto packet = PacketCodec().decode(frame);
    QVERIFY(packet.ok());
    QCOMPARE(quint8(frame[11]), quint8(0x1F));
    const QByteArray section = TestVectors::bytes(vector[u"compressed_section"]);
    QCOMPARE(frame.sliced(16, 8), packet->senderId.toBytes());
    QCOMPARE(frame.sliced(24, 8), packet->recipientId->toBytes());
    QCOMPARE(int(frame[32]), 3);
    for (int hop = 0; hop < 3; ++hop)
        QCOMPARE(frame.sliced(33 + 8 * hop, 8), packet->route->at(hop).toBytes());
    QCOMPARE(frame.sliced(57, section.size()), section);
    QCOMPARE(frame.sliced(57 + section.size()), *packet->signature);
    QCOMPARE(frame.size(), 57 + section.size() + 64);
    QCOMPARE(*PacketCodec::encode(*packet), frame);
}

void WireConformanceTest::sourceRouteIsCountPlusIdsOutsidePayloadLength_data()
{
    QTest::addColumn<int>("hops");
    QTest::newRow("0 hops: the count byte alone") << 0;
    QTest::newRow("1 hop") << 1;
    QTest::newRow("3 hops") << 3;
    QTest::newRow("255 hops, the most the count allows") << 255;
}

void WireConformanceTest::sourceRouteIsCountPlusIdsOutsidePayloadLength()
{
    QFETCH(int, hops);
    Packet packet = vectorPacket("frames.json", "v2-broadcast");
    QList<PeerId> route;
    for (int i = 0; i < hops; ++i)
        route.append(id(quint8(i)));
    packet.route = route;
    const auto frame = PacketCodec::encode(packet);
    QVERIFY(frame.ok());
    QCOMPARE(frame->size(), 16 + 8 + 1 + 8 * hops + packet.payload.size());
    QCOMPARE(qFromBigEndian<quint32>(frame->constData() + 12), quint32(packet.payload.size()));
    QCOMPARE(int(quint8(frame->at(24))), hops);
    if (hops > 0)
        QCOMPARE(frame->sliced(25 + 8 * (hops - 1), 8), route.last().toBytes());
    QCOMPARE(*PacketCodec().decode(*frame), packet);

    route.append(id(0xEE));
    packet.route = route;
    if (hops == 255)
        QCOMPARE(PacketCodec::encode(packet).error(), CodecError::RouteTooLong);
}

void WireConformanceTest::compressedPayloadHasSizePreamble_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("preamble");
    QTest::newRow("v1: 2-byte original size") << QStringLiteral("v1-compressed") << 2;
    QTest::newRow("v2: 4-byte original size") << QStringLiteral("v2-compressed") << 4;
}

void WireConformanceTest::compressedPayloadHasSizePreamble()
{
    QFETCH(QString, name);
    QFETCH(int, preamble);
    const QJsonObject vector = TestVectors::find(QStringLiteral("frames.json"), name);
    const QByteArray frame = TestVectors::bytes(vector[u"hex"]);
    const QByteArray section = TestVectors::bytes(vector[u"compressed_section"]);
    const auto packet = PacketCodec().decode(frame);
    QVERIFY(packet.ok());
    QVERIFY(packet->isCompressed());
    QCOMPARE(quint8(frame[11]) & PacketFlag::IsCompressed, PacketFlag::IsCompressed);
    QCOMPARE(PayloadCompressor::preambleSize(packet->version), preamble);
    const int header = preamble == 2 ? 14 : 16;
    // payloadLength counts the preamble and the DEFLATE bytes; the preamble is the payload size.
    const qsizetype length = preamble == 2 ? qFromBigEndian<quint16>(frame.constData() + 12)
                                           : qFromBigEndian<quint32>(frame.constData() + 12);
    QCOMPARE(length, section.size());
    QCOMPARE(frame.sliced(header + 8), section);
    const QByteArray size = section.first(preamble);
    QCOMPARE(preamble == 2 ? qsizetype(qFromBigEndian<quint16>(size.constData()))
                           : qsizetype(qFromBigEndian<quint32>(size.constData())),
             packet->payload.size());
    QCOMPARE(packet->payload, TestVectors::packet(vector).payload);
}

void WireConformanceTest::unknownTypeDecodesForSkipping_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("name");
    const QList<std::pair<int, const char *>> table{
        {0x01, "announce"},       {0x02, "message"},
        {0x03, "leave"},          {0x04, "courierEnvelope"},
        {0x10, "noiseHandshake"}, {0x11, "noiseEncrypted"},
        {0x20, "fragment"},       {0x21, "requestSync"},
        {0x22, "fileTransfer"},   {0x23, "boardPost"},
        {0x24, "prekeyBundle"},   {0x25, "groupMessage"},
        {0x26, "ping"},           {0x27, "pong"},
        {0x28, "nostrCarrier"},   {0x29, "voiceFrame"}};
    for (const auto &[type, name] : table)
        QTest::newRow(name) << type << QString::fromLatin1(name);
    for (const int unknown : {0x00, 0x05, 0x12, 0x2A, 0x7F, 0xFF})
        QTest::addRow("unknown 0x%02x", unknown)
            << unknown << QStringLiteral("unknown(0x%1)").arg(unknown, 2, 16, QLatin1Char('0'));
}

void WireConformanceTest::unknownTypeDecodesForSkipping()
{
    QFETCH(int, type);
    QFETCH(QString, name);
    QCOMPARE(messageTypeName(quint8(type)), name);
    QCOMPARE(isKnownMessageType(quint8(type)), !name.startsWith(u"unknown"));
    QByteArray frame = vectorHex("frames.json", "v1-unknown-type");
    frame[1] = char(type);
    const auto packet = PacketCodec().decode(frame);
    QVERIFY2(packet.ok(), TestVectors::outcome(packet).constData());
    QCOMPARE(int(packet->type), type);
    QCOMPARE(*PacketCodec::encode(*packet), frame);
}

void WireConformanceTest::tlv8AndTlv16SkipUnknownTypes()
{
    // TLV-8: type 0x01 (2 bytes), unknown 0x7e (1 byte), type 0x02 (empty).
    // A reader views its bytes: they must outlive it (no temporaries).
    const QByteArray tlv8Bytes = QByteArray::fromHex("0102aabb7e01cc0200");
    Tlv8Reader tlv8(tlv8Bytes);
    QList<std::pair<int, QByteArray>> entries;
    while (tlv8.next())
        entries.append({tlv8.type(), tlv8.value().toByteArray()});
    QVERIFY(!tlv8.failed());
    QCOMPARE(entries.size(), 3);
    QCOMPARE(entries[2], std::pair(2, QByteArray()));
    // TLV-16: 2-byte big-endian lengths; a 256-byte unknown entry is stepped over.
    const QByteArray tlv16Bytes =
        QByteArray::fromHex("7e0100") + QByteArray(256, 'x') + QByteArray::fromHex("010002aabb");
    Tlv16Reader tlv16(tlv16Bytes);
    QVERIFY(tlv16.next());
    QCOMPARE(tlv16.value().size(), 256);
    QVERIFY(tlv16.next());
    QCOMPARE(tlv16.type(), quint8(0x01));
    QCOMPARE(tlv16.value().toByteArray(), QByteArray::fromHex("aabb"));
    QVERIFY(!tlv16.next());
    QVERIFY(!tlv16.failed());
    // Structurally distinct: the TLV-16 bytes read as TLV-8 overrun, and vice versa.
    const QByteArray wrong8Bytes = QByteArray::fromHex("010002aabb");
    Tlv8Reader wrong8(wrong8Bytes);
    while (wrong8.next()) {
    }
    QVERIFY(wrong8.failed());
    const QByteArray wrong16Bytes = QByteArray::fromHex("0102aabb");
    Tlv16Reader wrong16(wrong16Bytes);
    QVERIFY(!wrong16.next());
    QVERIFY(wrong16.failed());
    // Value limits: 255 bytes for TLV-8, 65,535 for TLV-16.
    Tlv8Writer writer8;
    QVERIFY(writer8.append(1, QByteArray(255, 'a')));
    QVERIFY(!writer8.append(1, QByteArray(256, 'a')));
    Tlv16Writer writer16;
    QVERIFY(writer16.append(1, QByteArray(65535, 'a')));
    QVERIFY(!writer16.append(1, QByteArray(65536, 'a')));
    QCOMPARE(writer16.data().first(3), QByteArray::fromHex("01ffff"));
    // A payload codec built on them skips an unknown TLV rather than rejecting the payload.
    const QJsonObject announce = TestVectors::find(QStringLiteral("payloads.json"),
                                                   QStringLiteral("announce-unknown-tlv-skipped"));
    QVERIFY(AnnouncePayload::decode(TestVectors::bytes(announce[u"hex"])).ok());
}

QTEST_GUILESS_MAIN(WireConformanceTest)
#include "WireConformanceTest.moc"
