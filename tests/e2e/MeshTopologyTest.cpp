// SPDX-License-Identifier: GPL-3.0-or-later
// Real `meshcast --headless` processes linked over WebSocket on 127.0.0.1: what each node prints
// when messages flood a chain, a ring and a star, and how far a low TTL carries a message.
#include <QJsonObject>
#include <QTest>

#include "HeadlessMesh.h"

using namespace Qt::StringLiterals;

namespace {
// Bounds, not expectations: a mesh forms in 1–3 s and a message crosses it in well under one.
constexpr int FormMs = 20000;
constexpr int DeliveryMs = 10000;

int hopsOf(const QJsonObject &message)
{
    return message.value(u"hops"_s).toInt(-1);
}

/** Which nodes (by nick) have not reported message @p id, the sender aside. */
QString missing(const HeadlessMesh &mesh, const QString &id, int sender)
{
    QStringList names;
    for (int i = 0; i < mesh.size(); ++i) {
        if (i != sender && mesh.at(i).messages(id).isEmpty())
            names.append(mesh.at(i).nick());
    }
    return u"message %1 from %2 missing at: %3"_s.arg(id, mesh.at(sender).nick(),
                                                      names.join(u", "_s));
}

/** Whether every node but @p sender reported @p id exactly once, and the sender never did. */
QString countsOtherThanOnce(const HeadlessMesh &mesh, const QString &id, int sender)
{
    QStringList wrong;
    for (int i = 0; i < mesh.size(); ++i) {
        const qsizetype count = mesh.at(i).messages(id).size();
        if (count != (i == sender ? 0 : 1))
            wrong.append(u"%1 ×%2"_s.arg(mesh.at(i).nick()).arg(count));
    }
    return wrong.join(u", "_s);
}
} // namespace

class MeshTopologyTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void chainDeliversEachMessageOnceWithHopCounts()
    {
        HeadlessMesh mesh;
        QVERIFY(mesh.startChain(6));
        QTRY_VERIFY_WITH_TIMEOUT(mesh.isFullyConnected(), FormMs);
        HeadlessNode &a = mesh.at(0);
        HeadlessNode &f = mesh.at(5);

        const QString fromA = a.sendMessage(u"hello from A"_s);
        QVERIFY(!fromA.isEmpty());
        QTRY_VERIFY2_WITH_TIMEOUT(mesh.allReceived(fromA, 0), qPrintable(missing(mesh, fromA, 0)),
                                  DeliveryMs);
        for (int i = 1; i < 6; ++i) {
            const QJsonObject message = mesh.at(i).message(fromA);
            QCOMPARE(hopsOf(message), i);
            QCOMPARE(message.value(u"text"_s).toString(), u"hello from A"_s);
            QCOMPARE(message.value(u"peer_id"_s).toString(), a.peerId());
            QCOMPARE(message.value(u"nick"_s).toString(), u"A"_s);
            QVERIFY(message.value(u"verified"_s).toBool());
        }

        const QString fromF = f.sendMessage(u"hello from F"_s);
        QVERIFY(!fromF.isEmpty());
        QTRY_VERIFY2_WITH_TIMEOUT(mesh.allReceived(fromF, 5), qPrintable(missing(mesh, fromF, 5)),
                                  DeliveryMs);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(hopsOf(mesh.at(i).message(fromF)), 5 - i);

        // Settled: a later message crossed the whole chain after both had arrived everywhere, so
        // any relay copy of them still on its way would have arrived by now.
        const QString marker = a.sendMessage(u"marker"_s);
        QTRY_VERIFY2_WITH_TIMEOUT(mesh.allReceived(marker, 0), qPrintable(missing(mesh, marker, 0)),
                                  DeliveryMs);
        QCOMPARE(countsOtherThanOnce(mesh, fromA, 0), QString());
        QCOMPARE(countsOtherThanOnce(mesh, fromF, 5), QString());
    }

    void ringDeliversEachMessageOnce()
    {
        constexpr int Size = 6;
        HeadlessMesh mesh;
        QVERIFY(mesh.startRing(Size));
        QTRY_VERIFY_WITH_TIMEOUT(mesh.isFullyConnected(), FormMs);

        QStringList ids;
        for (int i = 0; i < Size; ++i)
            ids.append(mesh.at(i).sendMessage(u"round one from %1"_s.arg(mesh.at(i).nick())));
        QVERIFY(!ids.contains(QString()));
        for (int i = 0; i < Size; ++i) {
            QTRY_VERIFY2_WITH_TIMEOUT(mesh.allReceived(ids.at(i), i),
                                      qPrintable(missing(mesh, ids.at(i), i)), DeliveryMs);
        }

        // Every copy arrives over one of the two ways round the ring. The first copy to arrive
        // is the one shown; the short way wins unless its relays drew long jitters (10–50 ms per
        // hop on a node with two links) and the long way's short ones, which is rare but allowed.
        int shortest = 0;
        for (int from = 0; from < Size; ++from) {
            for (int to = 0; to < Size; ++to) {
                if (from == to)
                    continue;
                const int around = std::abs(from - to);
                const int distance = std::min(around, Size - around);
                const int hops = hopsOf(mesh.at(to).message(ids.at(from)));
                QVERIFY2(
                    hops == distance || hops == Size - distance,
                    qPrintable(
                        u"%1 → %2: hops %3, ring distance %4"_s.arg(from).arg(to).arg(hops).arg(
                            distance)));
                shortest += hops == distance ? 1 : 0;
            }
        }
        qInfo("ring: %d of %d deliveries took the shortest way", shortest, Size * (Size - 1));

        const QString marker = mesh.at(0).sendMessage(u"marker"_s);
        QTRY_VERIFY_WITH_TIMEOUT(mesh.allReceived(marker, 0), DeliveryMs);
        const QString back = mesh.at(3).sendMessage(u"marker back"_s);
        QTRY_VERIFY_WITH_TIMEOUT(mesh.allReceived(back, 3), DeliveryMs);
        for (int i = 0; i < Size; ++i)
            QCOMPARE(countsOtherThanOnce(mesh, ids.at(i), i), QString());
    }

    void starDeliversEachMessageOnce()
    {
        constexpr int Leaves = 5;
        HeadlessMesh mesh;
        QVERIFY(mesh.startStar(Leaves));
        QTRY_VERIFY_WITH_TIMEOUT(mesh.isFullyConnected(), FormMs);

        QStringList ids;
        for (int i = 0; i <= Leaves; ++i)
            ids.append(mesh.at(i).sendMessage(u"star from %1"_s.arg(mesh.at(i).nick())));
        QVERIFY(!ids.contains(QString()));
        const auto allDelivered = [&] {
            for (int i = 0; i <= Leaves; ++i) {
                if (!mesh.allReceived(ids.at(i), i))
                    return false;
            }
            return true;
        };
        const bool delivered = QTest::qWaitFor(allDelivered, DeliveryMs);
        QStringList missed;
        for (int i = 0; i <= Leaves; ++i) {
            if (!mesh.allReceived(ids.at(i), i))
                missed.append(missing(mesh, ids.at(i), i));
        }
        QVERIFY2(delivered, qPrintable(missed.join(u"; "_s)));

        for (int from = 0; from <= Leaves; ++from) {
            for (int to = 0; to <= Leaves; ++to) {
                if (from != to) // hub ↔ leaf: 1 hop; leaf → leaf: 2 hops via the hub
                    QCOMPARE(hopsOf(mesh.at(to).message(ids.at(from))),
                             from == 0 || to == 0 ? 1 : 2);
            }
        }
        const QString marker = mesh.at(1).sendMessage(u"marker"_s);
        QTRY_VERIFY_WITH_TIMEOUT(mesh.allReceived(marker, 1), DeliveryMs);
        for (int i = 0; i <= Leaves; ++i)
            QCOMPARE(countsOtherThanOnce(mesh, ids.at(i), i), QString());
    }

    void lowTtlMessageStopsAfterItsHops()
    {
        // A B C D E F, F at the end. F first runs with TTL 7 so that every node learns its
        // signing key: had the TTL-3 message gone too far, A and B could verify and would show it.
        HeadlessMesh mesh;
        QVERIFY(mesh.startChain(6));
        QTRY_VERIFY_WITH_TIMEOUT(mesh.isFullyConnected(), FormMs);
        HeadlessNode &f = mesh.at(5);
        const QString fId = f.peerId();

        QVERIFY(f.closeInputAndWait());
        f.options().ttl = 3;
        QVERIFY(f.start());
        QTRY_VERIFY_WITH_TIMEOUT(mesh.at(4).isPresent(fId) && f.isPresent(mesh.at(4).peerId()),
                                 FormMs);
        const QString lowTtl = f.sendMessage(u"three hops only"_s);
        QVERIFY(!lowTtl.isEmpty());
        for (int i = 4; i >= 2; --i)
            QTRY_VERIFY_WITH_TIMEOUT(!mesh.at(i).messages(lowTtl).isEmpty(), DeliveryMs);

        // The far end is reached again by a TTL-7 message from the same node, sent after the
        // TTL-3 one had done all it could: anything of that one still travelling is behind it.
        QVERIFY(f.closeInputAndWait());
        f.options().ttl = 7;
        QVERIFY(f.start());
        QTRY_VERIFY_WITH_TIMEOUT(mesh.at(0).isPresent(fId), FormMs);
        const QString full = f.sendMessage(u"seven hops"_s);
        QTRY_VERIFY2_WITH_TIMEOUT(mesh.allReceived(full, 5), qPrintable(missing(mesh, full, 5)),
                                  DeliveryMs);
        QCOMPARE(hopsOf(mesh.at(0).message(full)), 5);

        QCOMPARE(mesh.at(4).messages(lowTtl).size(), 1);
        QCOMPARE(mesh.at(3).messages(lowTtl).size(), 1);
        QCOMPARE(mesh.at(2).messages(lowTtl).size(), 1);
        QCOMPARE(mesh.at(1).messages(lowTtl).size(), 0);
        QCOMPARE(mesh.at(0).messages(lowTtl).size(), 0);
    }

    void lowTtlNodeIsStillADirectNeighbour()
    {
        // --ttl sets how far this node's messages go; it must not make a neighbour on the other
        // end of a WebSocket look five hops away (announces are what tell hops and links).
        HeadlessMesh mesh;
        QVERIFY(mesh.addDialing(u"A"_s, {}));
        HeadlessNode::Options options;
        options.ttl = 3;
        QVERIFY(mesh.addDialing(u"B"_s, {0}, options));
        HeadlessNode &a = mesh.at(0);
        const QString b = mesh.at(1).peerId();
        QTRY_VERIFY_WITH_TIMEOUT(a.isPresent(b), FormMs);
        QCOMPARE(a.lastPeerEvent(b).value(u"hops"_s).toInt(), 1);
        QCOMPARE(a.lastPeerEvent(b).value(u"link"_s).toString(), u"ip"_s);
    }
};

QTEST_GUILESS_MAIN(MeshTopologyTest)
#include "MeshTopologyTest.moc"
