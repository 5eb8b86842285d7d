// SPDX-License-Identifier: GPL-3.0-or-later
// Every UI model under QAbstractItemModelTester while a real MeshNode (fake links, virtual time)
// adds, updates and removes what the models show.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "ChatModel.h"
#include "FakeLink.h"
#include "LogCapture.h"
#include "LogFilterModel.h"
#include "LogModel.h"
#include "MeshTestPeer.h"
#include "NodeHarness.h"
#include "NodeStatus.h"
#include "PeerModel.h"
#include "PeerSortFilterModel.h"

using namespace Qt::StringLiterals;

namespace {
constexpr auto Fatal = QAbstractItemModelTester::FailureReportingMode::Fatal;

QStringList column(const QAbstractItemModel &model, int role)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values.append(model.index(row, 0).data(role).toString());
    return values;
}

quint64 now(const NodeHarness &harness)
{
    return quint64(harness.clock.epochMs());
}
} // namespace

class ModelsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void chatModelLoadsHistoryPageByPageOldestFirst()
    {
        QTemporaryDir dir;
        NodeHarness harness(dir.filePath(u"h.sqlite"_s));
        for (int i = 0; i < 250; ++i)
            harness.node->sendMessage(u"message %1"_s.arg(i));
        ChatModel model; // no tester here: it calls fetchMore() itself, loading every page
        model.setPageSize(100);
        model.setNode(harness.node.get());
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(model.index(99, 0).data(ChatModel::TextRole).toString(), u"message 249"_s);
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 250);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(model.index(0, 0).data(ChatModel::TextRole).toString(), u"message 0"_s);
        QCOMPARE(model.index(0, 0).data(ChatModel::DeliveryRole).toInt(), int(ChatModel::Queued));

        ChatModel tested;
        QAbstractItemModelTester tester(&tested, Fatal);
        tested.setPageSize(100);
        tested.setNode(harness.node.get());
        QCOMPARE(tested.rowCount(), 250);
        tested.setNode(nullptr);
        QCOMPARE(tested.rowCount(), 0);
    }

    void chatModelShowsLiveTrafficAndSystemRows()
    {
        QTemporaryDir dir;
        NodeHarness harness(dir.filePath(u"h.sqlite"_s));
        ChatModel model;
        QAbstractItemModelTester tester(&model, Fatal);
        model.setNode(harness.node.get());
        harness.node->start();
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        QVERIFY(harness.node->broadcast(u"anyone?"_s));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, 0).data(ChatModel::DeliveryRole).toInt(), int(ChatModel::Queued));
        QVERIFY(model.index(0, 0).data(ChatModel::OwnRole).toBool());

        MeshTestPeer alice(u"alice"_s);
        FakeLink *link = harness.transport.acceptIncoming(u"alice"_s); // link up; outbox flushes
        QCOMPARE(model.index(0, 0).data(ChatModel::DeliveryRole).toInt(), int(ChatModel::Sent));
        QCOMPARE(changed.last().at(2).value<QList<int>>(), QList<int>{ChatModel::DeliveryRole});

        Q_EMIT link->frameReceived(alice.frame(alice.announcePacket(now(harness))));
        Q_EMIT link->frameReceived(alice.frame(alice.messagePacket(u"hi!"_s, now(harness) + 1)));
        harness.clock.advance(1000);
        Packet renamed = alice.announcePacket(now(harness));
        renamed.payload.replace("alice", "alize"); // same length: the TLV stays valid
        Q_EMIT link->frameReceived(alice.frame(renamed));
        Q_EMIT link->frameReceived(alice.frame(alice.leavePacket(now(harness) + 1)));

        const QStringList texts = column(model, ChatModel::TextRole);
        QCOMPARE(texts.last(), u"alize left"_s);
        QVERIFY(texts.contains(u"alice joined"_s));
        QVERIFY(texts.contains(u"alice is now known as alize"_s));
        const int hi = int(texts.indexOf(u"hi!"_s));
        QVERIFY(hi > 0);
        const QModelIndex message = model.index(hi, 0);
        QCOMPARE(message.data(ChatModel::SenderNicknameRole).toString(), u"alice"_s);
        QCOMPARE(message.data(ChatModel::SenderPeerIdRole).toString(), alice.id().toHex());
        QCOMPARE(message.data(ChatModel::HopsRole).toInt(), 1);
        QVERIFY(message.data(ChatModel::VerifiedRole).toBool());
        QVERIFY(!message.data(ChatModel::OwnRole).toBool());
        QCOMPARE(message.data(ChatModel::SenderColorRole).value<QColor>(),
                 model.index(int(texts.indexOf(u"alice joined"_s)), 0)
                     .data(ChatModel::SenderColorRole)
                     .value<QColor>());

        model.addNote(u"2 peers"_s);
        QCOMPARE(model.index(model.rowCount() - 1, 0).data(ChatModel::SystemEventRole).toInt(),
                 int(ChatModel::Note));
        link->drop(u"cable cut"_s);
        QVERIFY(column(model, ChatModel::TextRole).last().contains(u"cable cut"_s));
    }

    void peerModelFollowsThePeerTableRowByRow()
    {
        QTemporaryDir dir;
        NodeHarness harness(dir.filePath(u"h.sqlite"_s));
        harness.node->start();
        PeerModel peers;
        PeerSortFilterModel sorted;
        QAbstractItemModelTester peerTester(&peers, Fatal);
        QAbstractItemModelTester sortedTester(&sorted, Fatal);
        sorted.setSourceModel(&peers);
        peers.setNode(harness.node.get());
        QSignalSpy inserted(&peers, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&peers, &QAbstractItemModel::dataChanged);

        MeshTestPeer zoe(u"zoe"_s), bob(u"bob"_s), carl(u"carl"_s), amy(u"amy"_s);
        FakeLink *link = harness.transport.acceptIncoming(u"zoe"_s);
        Q_EMIT link->frameReceived(zoe.frame(zoe.announcePacket(now(harness))));
        Q_EMIT link->frameReceived(bob.frame(bob.announcePacket(now(harness), 5)));   // 3 hops
        Q_EMIT link->frameReceived(carl.frame(carl.announcePacket(now(harness), 6))); // 2 hops
        Q_EMIT link->frameReceived(amy.frame(amy.announcePacket(now(harness), 6)));   // 2 hops
        QCOMPARE(inserted.size(), 4);
        QCOMPARE(column(sorted, PeerModel::NicknameRole),
                 (QStringList{u"zoe"_s, u"amy"_s, u"carl"_s, u"bob"_s}));
        QCOMPARE(column(sorted, PeerModel::LinkTypeRole),
                 (QStringList{u"IP"_s, u"relayed"_s, u"relayed"_s, u"relayed"_s}));
        QCOMPARE(sorted.count(), 4);

        harness.clock.advance(1000);
        Q_EMIT link->frameReceived(bob.frame(bob.announcePacket(now(harness), 7))); // now direct
        QVERIFY(changed.last().at(2).value<QList<int>>().contains(PeerModel::HopsRole));
        QCOMPARE(column(sorted, PeerModel::NicknameRole).first(2),
                 (QStringList{u"bob"_s, u"zoe"_s}));

        Q_EMIT link->frameReceived(carl.frame(carl.leavePacket(now(harness) + 5, 6)));
        QCOMPARE(peers.rowCount(), 3);
        QCOMPARE(sorted.count(), 3);
        harness.clock.advance(61'000);
        QCOMPARE(peers.rowCount(), 0);
    }

    void nodeStatusReportsIdentityLinksAndRejections()
    {
        QTemporaryDir dir;
        NodeHarness harness(dir.filePath(u"h.sqlite"_s));
        NodeStatus status;
        status.setNode(harness.node.get());
        QSignalSpy links(&status, &NodeStatus::linksChanged);
        QCOMPARE(status.nickname(), u"me"_s);
        QCOMPARE(status.fingerprint().size(), 16 * 4 + 15);
        QCOMPARE(status.bluetoothState(), NodeStatus::Disabled);
        QCOMPARE(status.linkLimit(), 8);
        FakeLink *link = harness.transport.acceptIncoming(u"n"_s);
        QCOMPARE(status.linkCount(), 1);
        QVERIFY(links.size() >= 1);
        Q_EMIT link->frameReceived("\x09garbage"_ba);
        QCOMPARE(status.rejectedPackets(), 1);
        harness.node->setNickname(u"renamed"_s);
        QCOMPARE(status.nickname(), u"renamed"_s);
    }

    void logModelIsBoundedAndFilterable()
    {
        LogCapture capture(3);
        LogModel log;
        LogFilterModel filtered;
        QAbstractItemModelTester logTester(&log, Fatal);
        QAbstractItemModelTester filterTester(&filtered, Fatal);
        filtered.setSourceModel(&log);
        log.setCapture(&capture);
        capture.record(QtDebugMsg, u"meshcast.mesh"_s, u"relayed"_s);
        capture.record(QtWarningMsg, u"meshcast.ble"_s, u"no adapter"_s);
        capture.record(QtInfoMsg, u"meshcast.mesh"_s, u"peer joined"_s);
        capture.record(QtCriticalMsg, u"qt.network"_s, u"socket"_s);
        QTRY_COMPARE(log.rowCount(), 3); // delivered through the event loop, capacity 3
        QCOMPARE(column(log, LogModel::MessageRole),
                 (QStringList{u"no adapter"_s, u"peer joined"_s, u"socket"_s}));
        filtered.setMinimumLevel(LogModel::Warning);
        QCOMPARE(column(filtered, LogModel::MessageRole),
                 (QStringList{u"no adapter"_s, u"socket"_s}));
        filtered.setCategoryFilter(u"BLE"_s);
        QCOMPARE(column(filtered, LogModel::MessageRole), QStringList{u"no adapter"_s});
    }
};

QTEST_GUILESS_MAIN(ModelsTest)
#include "ModelsTest.moc"
