// SPDX-License-Identifier: GPL-3.0-or-later
#include <QRandomGenerator>
#include <QTest>
#include <QtEndian>

#include "PacketCodec.h"
#include "PayloadCompressor.h"
#include "TestVectors.h"

/**
 * PayloadCompressor (spec 01 §4.3): the 2/4-byte big-endian size preamble, hand-written DEFLATE
 * stored blocks (RFC 1951 §3.2.4), Meshcast's when-to-compress policy (≥ 100 bytes and smaller),
 * and the guards on decompression: caller limit, DEFLATE's 1032:1 ceiling, exact declared size.
 */
class CompressionTest : public QObject
{
    Q_OBJECT

private slots:
    void decompressesHandWrittenStoredBlocks_data();
    void decompressesHandWrittenStoredBlocks();
    void compressesOnlyWhenWorthwhile_data();
    void compressesOnlyWhenWorthwhile();
    void roundTrips_data();
    void roundTrips();
    void refusesBombs_data();
    void refusesBombs();
    void refusesWrongDeclaredSize_data();
    void refusesWrongDeclaredSize();
    void senderCompressesPacketOnlyWhenItPays();
    void readsZlibWrappedStreamsOlderAndroidSends();
};

namespace {
constexpr qsizetype DefaultLimit = 2 * 1024 * 1024;

QByteArray noise(qsizetype size)
{
    QRandomGenerator generator(42); // fixed seed: the same bytes every run
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &byte : bytes)
        byte = char(generator.bounded(256));
    return bytes;
}

QByteArray text(qsizetype size)
{
    QByteArray bytes;
    while (bytes.size() < size)
        bytes += "hello mesh ";
    return bytes.first(size);
}

QByteArray preamble(quint8 version, quint32 size)
{
    QByteArray bytes(4, Qt::Uninitialized);
    qToBigEndian(size, bytes.data());
    return version == 1 ? bytes.last(2) : bytes;
}

QByteArray stream(const QByteArray &original, quint8 version)
{
    const auto section =
        PayloadCompressor::compress(original, version, PayloadCompressor::Policy::Always);
    return section ? section->sliced(PayloadCompressor::preambleSize(version)) : QByteArray();
}
} // namespace

void CompressionTest::decompressesHandWrittenStoredBlocks_data()
{
    QTest::addColumn<QJsonObject>("vector");
    for (const QJsonValue &vector : TestVectors::load(QStringLiteral("compression.json")))
        QTest::newRow(qPrintable(vector[u"name"].toString())) << vector.toObject();
}

void CompressionTest::decompressesHandWrittenStoredBlocks()
{
    QFETCH(QJsonObject, vector);
    const auto version = quint8(vector[u"version"].toInt());
    const QByteArray section = TestVectors::bytes(vector[u"section"]);
    const QByteArray original = TestVectors::bytes(vector[u"original"]);
    const auto inflated = PayloadCompressor::decompress(section, version, DefaultLimit);
    QVERIFY2(inflated.ok(), TestVectors::outcome(inflated).constData());
    QCOMPARE(*inflated, original);
    // Inside a packet: kept byte for byte (the signature covers it), payload decompressed.
    Packet packet;
    packet.version = version;
    packet.type = 0x02;
    packet.payload = original;
    packet.compressedPayload = section;
    const auto decoded = PacketCodec().decode(*PacketCodec::encode(packet));
    QVERIFY(decoded.ok());
    QCOMPARE(*decoded, packet);
}

void CompressionTest::compressesOnlyWhenWorthwhile_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<int>("version");
    QTest::addColumn<bool>("always");
    QTest::addColumn<bool>("compressed");
    QTest::newRow("99 repetitive bytes: under the threshold") << text(99) << 1 << false << false;
    QTest::newRow("100 repetitive bytes: compressed") << text(100) << 1 << false << true;
    QTest::newRow("100 repetitive bytes, v2: compressed") << text(100) << 2 << false << true;
    QTest::newRow("300 random bytes: would not shrink") << noise(300) << 1 << false << false;
    QTest::newRow("forced: 10 bytes compressed anyway") << text(10) << 1 << true << true;
    QTest::newRow("forced: random bytes compressed anyway") << noise(300) << 2 << true << true;
    QTest::newRow("v1 cannot declare 65,536 bytes") << text(65536) << 1 << true << false;
    QTest::newRow("v2 declares 65,536 bytes") << text(65536) << 2 << false << true;
}

void CompressionTest::compressesOnlyWhenWorthwhile()
{
    QFETCH(QByteArray, payload);
    QFETCH(int, version);
    QFETCH(bool, always);
    QFETCH(bool, compressed);
    QCOMPARE(PayloadCompressor::Threshold, 100);
    const auto section = PayloadCompressor::compress(
        payload, quint8(version),
        always ? PayloadCompressor::Policy::Always : PayloadCompressor::Policy::WhenWorthwhile);
    QCOMPARE(section.has_value(), compressed);
    if (!section)
        return;
    QCOMPARE(section->first(version == 1 ? 2 : 4),
             preamble(quint8(version), quint32(payload.size())));
    if (!always)
        QVERIFY(section->size() < payload.size());
    QCOMPARE(*PayloadCompressor::decompress(*section, quint8(version), DefaultLimit), payload);
}

void CompressionTest::roundTrips_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<int>("version");
    QTest::newRow("v1, empty") << QByteArray() << 1;
    QTest::newRow("v1, 1 byte") << QByteArray("x") << 1;
    QTest::newRow("v1, 1,000 bytes of text") << text(1000) << 1;
    QTest::newRow("v1, 65,535 bytes: the preamble's maximum") << text(65535) << 1;
    QTest::newRow("v2, 4,000 random bytes") << noise(4000) << 2;
    QTest::newRow("v2, 1 MiB of zeros") << QByteArray(1024 * 1024, '\0') << 2;
}

void CompressionTest::roundTrips()
{
    QFETCH(QByteArray, payload);
    QFETCH(int, version);
    const auto section =
        PayloadCompressor::compress(payload, quint8(version), PayloadCompressor::Policy::Always);
    QVERIFY(section);
    const auto inflated = PayloadCompressor::decompress(*section, quint8(version), DefaultLimit);
    QVERIFY2(inflated.ok(), TestVectors::outcome(inflated).constData());
    QCOMPARE(*inflated, payload);
}

void CompressionTest::refusesBombs_data()
{
    QTest::addColumn<QByteArray>("section");
    QTest::addColumn<int>("version");
    QTest::addColumn<qint64>("limit");
    const QByteArray fiveBytes = stream("xxxxx", 2);
    const QByteArray zeros = stream(QByteArray(3 * 1024 * 1024, '\0'), 2);
    QTest::newRow("declares 1,000,000 from a 5-byte stream: over 1032:1")
        << preamble(2, 1000000) + fiveBytes << 2 << qint64(DefaultLimit);
    QTest::newRow("v1 declares 65,535 from a 5-byte stream")
        << preamble(1, 65535) + stream("xxxxx", 1) << 1 << qint64(DefaultLimit);
    QTest::newRow("declares 0xffffffff")
        << preamble(2, 0xFFFFFFFF) + zeros << 2 << qint64(DefaultLimit);
    QTest::newRow("a real 3 MiB run of zeros over the 2 MiB limit")
        << preamble(2, 3 * 1024 * 1024) + zeros << 2 << qint64(DefaultLimit);
    QTest::newRow("1,001 bytes over a caller limit of 1,000")
        << preamble(2, 1001) + stream(text(1001), 2) << 2 << qint64(1000);
}

void CompressionTest::refusesBombs()
{
    QFETCH(QByteArray, section);
    QFETCH(int, version);
    QFETCH(qint64, limit);
    const auto inflated = PayloadCompressor::decompress(section, quint8(version), limit);
    QVERIFY(!inflated.ok());
    QCOMPARE(inflated.error(), CodecError::DecompressionRefused);
    // The guard is the declared size, not a broken stream: a limit large enough lets the real one
    // through.
    if (section.size() > 1000) {
        const auto allowed = PayloadCompressor::decompress(
            preamble(2, 3 * 1024 * 1024) + section.sliced(4), 2, 4 * 1024 * 1024);
        QVERIFY(allowed.ok());
        QCOMPARE(allowed->size(), 3 * 1024 * 1024);
    }
}

void CompressionTest::refusesWrongDeclaredSize_data()
{
    QTest::addColumn<QByteArray>("section");
    QTest::addColumn<int>("version");
    QTest::addColumn<CodecError>("error");
    const QByteArray original = text(132);
    const QByteArray deflated = stream(original, 1);
    QTest::newRow("declared one byte short")
        << preamble(1, 131) + deflated << 1 << CodecError::DecompressionFailed;
    QTest::newRow("declared one byte long")
        << preamble(1, 133) + deflated << 1 << CodecError::DecompressionFailed;
    QTest::newRow("v2: declared zero")
        << preamble(2, 0) + stream(original, 2) << 2 << CodecError::DecompressionFailed;
    QTest::newRow("bytes after the final block")
        << preamble(1, 132) + deflated + "junk" << 1 << CodecError::DecompressionFailed;
    QTest::newRow("stream cut short")
        << preamble(1, 132) + deflated.chopped(2) << 1 << CodecError::DecompressionFailed;
    QTest::newRow("reserved block type 11")
        << preamble(1, 5) + QByteArray::fromHex("070000") << 1 << CodecError::DecompressionFailed;
    QTest::newRow("v1 preamble cut to 1 byte") << QByteArray(1, '\0') << 1 << CodecError::Truncated;
    QTest::newRow("v2 preamble cut to 3 bytes")
        << QByteArray(3, '\0') << 2 << CodecError::Truncated;
}

void CompressionTest::refusesWrongDeclaredSize()
{
    QFETCH(QByteArray, section);
    QFETCH(int, version);
    QFETCH(CodecError, error);
    const auto inflated = PayloadCompressor::decompress(section, quint8(version), DefaultLimit);
    QVERIFY(!inflated.ok());
    QCOMPARE(inflated.error(), error);
}

void CompressionTest::senderCompressesPacketOnlyWhenItPays()
{
    Packet packet;
    packet.type = 0x02;
    packet.payload = text(132);
    const Packet compressed = PacketCodec::withCompressedPayload(packet);
    QVERIFY(compressed.isCompressed());
    QCOMPARE(compressed.payload, packet.payload);
    QVERIFY(PacketCodec::encode(compressed)->size() < PacketCodec::encode(packet)->size());
    QCOMPARE(PacketCodec::withCompressedPayload(compressed), compressed); // already compressed

    packet.payload = text(99);
    QVERIFY(!PacketCodec::withCompressedPayload(packet).isCompressed());
    packet.payload = noise(500);
    QVERIFY(!PacketCodec::withCompressedPayload(packet).isCompressed());
}

void CompressionTest::readsZlibWrappedStreamsOlderAndroidSends()
{
    // qCompress is zlib's compress(): a 4-byte size, then an RFC 1950 (zlib-wrapped) stream.
    const QByteArray original = text(300);
    const QByteArray wrapped = qCompress(original).sliced(4);
    QByteArray section(2, '\0');
    section[1] = char(original.size() & 0xFF);
    section[0] = char(original.size() >> 8);
    const auto inflated = PayloadCompressor::decompress(section + wrapped, 1, DefaultLimit);
    QVERIFY2(inflated.ok(), TestVectors::outcome(inflated).constData());
    QCOMPARE(*inflated, original);
    // The same guards hold: the declared size must be exact and within the limit.
    section[1] = char((original.size() - 1) & 0xFF);
    QCOMPARE(PayloadCompressor::decompress(section + wrapped, 1, DefaultLimit).error(),
             CodecError::DecompressionFailed);
    section[1] = char(original.size() & 0xFF);
    QCOMPARE(PayloadCompressor::decompress(section + wrapped, 1, 100).error(),
             CodecError::DecompressionRefused);
    // What Meshcast writes stays raw DEFLATE.
    const auto written = PayloadCompressor::compress(original, 1);
    QVERIFY(written);
    QVERIFY(written->sliced(2) != wrapped);
}

QTEST_GUILESS_MAIN(CompressionTest)
#include "CompressionTest.moc"
