// SPDX-License-Identifier: GPL-3.0-or-later
// The relay decisions of spec 05 §1, row by row. Expected subsets were computed outside this
// code base (Python's hashlib over the spec's "{messageID}::{id}" strings).
#include <QTest>

#include "RelayPolicy.h"

using namespace Qt::StringLiterals;

namespace {
const PeerId Self = *PeerId::fromHex(u"aaaaaaaaaaaaaaaa");
const PeerId Other = *PeerId::fromHex(u"bbbbbbbbbbbbbbbb");

Packet packet(MessageType type, quint8 ttl)
{
    Packet p;
    p.type = quint8(type);
    p.ttl = ttl;
    p.senderId = Other;
    return p;
}
} // namespace

class RelayPolicyTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void suppression_data()
    {
        QTest::addColumn<Packet>("packet");
        QTest::addColumn<bool>("suppressed");
        QTest::newRow("broadcast ttl 7 is relayed") << packet(MessageType::Message, 7) << false;
        QTest::newRow("ttl 2 is relayed (1 after decrement)")
            << packet(MessageType::Message, 2) << false;
        QTest::newRow("ttl 1 is not (0 after decrement)")
            << packet(MessageType::Message, 1) << true;
        QTest::newRow("ttl 0 is not") << packet(MessageType::Message, 0) << true;
        QTest::newRow("requestSync never") << packet(MessageType::RequestSync, 7) << true;
        Packet own = packet(MessageType::Message, 7);
        own.senderId = Self;
        QTest::newRow("own packet never") << own << true;
        Packet toUs = packet(MessageType::NoiseEncrypted, 7);
        toUs.recipientId = Self;
        QTest::newRow("addressed to us never") << toUs << true;
        Packet toOther = packet(MessageType::NoiseEncrypted, 7);
        toOther.recipientId = *PeerId::fromHex(u"cccccccccccccccc");
        QTest::newRow("addressed to another is relayed") << toOther << false;
    }
    void suppression()
    {
        QFETCH(Packet, packet);
        QFETCH(bool, suppressed);
        QCOMPARE(RelayPolicy::isSuppressed(packet, Self), suppressed);
    }

    void forwardTtl_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("ttl");
        QTest::addColumn<int>("degree");
        QTest::addColumn<int>("forwarded");
        const int message = int(MessageType::Message);
        const int announce = int(MessageType::Announce);
        QTest::newRow("thin chain: no clamp") << message << 7 << 2 << 6;
        QTest::newRow("degree 1: no clamp") << message << 7 << 1 << 6;
        QTest::newRow("degree 3: clamp 6") << message << 7 << 3 << 6;
        QTest::newRow("degree 5: below clamp stays") << message << 4 << 5 << 3;
        QTest::newRow("degree 6: clamp 5") << message << 7 << 6 << 5;
        QTest::newRow("degree 9: clamp 5") << message << 7 << 9 << 5;
        QTest::newRow("announce degree 4: 7 allowed") << announce << 7 << 4 << 6;
        QTest::newRow("announce degree 6: clamp 5") << announce << 7 << 6 << 5;
    }
    void forwardTtl()
    {
        QFETCH(int, type);
        QFETCH(int, ttl);
        QFETCH(int, degree);
        QFETCH(int, forwarded);
        QCOMPARE(int(RelayPolicy::forwardTtl(packet(MessageType(type), quint8(ttl)), degree)),
                 forwarded);
    }

    void subsetSize_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("k");
        QTest::newRow("0") << 0 << 0;
        QTest::newRow("1") << 1 << 1;
        QTest::newRow("2") << 2 << 2;
        QTest::newRow("3: bitlength(2)+1 = 3") << 3 << 3;
        QTest::newRow("4: bitlength(3)+1 = 3") << 4 << 3;
        QTest::newRow("5: bitlength(4)+1 = 4") << 5 << 4;
        QTest::newRow("8: bitlength(7)+1 = 4") << 8 << 4;
        QTest::newRow("9: bitlength(8)+1 = 5") << 9 << 5;
        QTest::newRow("17: bitlength(16)+1 = 6") << 17 << 6;
    }
    void subsetSize()
    {
        QFETCH(int, n);
        QFETCH(int, k);
        QCOMPARE(RelayPolicy::subsetSize(n), k);
    }

    void subsetIsTheKLowestDigests_data()
    {
        QTest::addColumn<QStringList>("candidates");
        QTest::addColumn<QStringList>("chosen");
        QTest::newRow("five links keep four")
            << QStringList{u"1111111111111111"_s, u"2222222222222222"_s, u"3333333333333333"_s,
                           u"4444444444444444"_s, u"5555555555555555"_s}
            << QStringList{u"3333333333333333"_s, u"1111111111111111"_s, u"2222222222222222"_s,
                           u"4444444444444444"_s};
        QStringList nine;
        for (int n = 1; n <= 9; ++n)
            nine.append(QStringLiteral("%1").arg(n, 16, 10, QLatin1Char('0')));
        QTest::newRow("nine links keep five")
            << nine
            << QStringList{u"0000000000000006"_s, u"0000000000000001"_s, u"0000000000000003"_s,
                           u"0000000000000004"_s, u"0000000000000009"_s};
        QTest::newRow("two links keep both")
            << QStringList{u"1111111111111111"_s, u"2222222222222222"_s}
            << QStringList{u"1111111111111111"_s, u"2222222222222222"_s};
    }
    void subsetIsTheKLowestDigests()
    {
        QFETCH(QStringList, candidates);
        QFETCH(QStringList, chosen);
        const QString messageId = u"00112233445566778899aabbccddeeff"_s;
        QCOMPARE(RelayPolicy::selectSubset(messageId, candidates), chosen);
        // The choice depends on the set, not on the order links were listed in.
        std::reverse(candidates.begin(), candidates.end());
        QCOMPARE(RelayPolicy::selectSubset(messageId, candidates), chosen);
    }

    void fragmentsAnnouncesAndDirectedBypassSubsetting()
    {
        QVERIFY(RelayPolicy::bypassesSubsetting(packet(MessageType::Fragment, 7)));
        QVERIFY(RelayPolicy::bypassesSubsetting(packet(MessageType::Announce, 7)));
        QVERIFY(RelayPolicy::bypassesSubsetting(packet(MessageType::RequestSync, 7)));
        QVERIFY(!RelayPolicy::bypassesSubsetting(packet(MessageType::Message, 7)));
        Packet directed = packet(MessageType::NoiseEncrypted, 7);
        directed.recipientId = Self;
        QVERIFY(RelayPolicy::bypassesSubsetting(directed));
        // Android puts ff…ff on public messages: a broadcast like iOS's recipient-less ones.
        Packet allOnes = packet(MessageType::Message, 7);
        allOnes.recipientId = PeerId::broadcast();
        QVERIFY(allOnes.isBroadcast());
        QVERIFY(!RelayPolicy::bypassesSubsetting(allOnes));
    }
};

QTEST_GUILESS_MAIN(RelayPolicyTest)
#include "RelayPolicyTest.moc"
