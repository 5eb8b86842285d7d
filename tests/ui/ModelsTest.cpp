// SPDX-License-Identifier: GPL-3.0-or-later
// Every UI model under QAbstractItemModelTester while a real MeshNode (fake links, virtual time)
// adds, updates and removes what the models show; peer text isolated, namesakes told apart and
// one sender's flood collapsed (issue 8 defects 11, 12, 7).
#include <QAbstractItemModelTester>
#include <QLocale>
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

// Bidi isolates around a peer string, as PeerText adds them (spelled out here on purpose).
QString isolated(const QString &text)
{
    return QChar(0x2068) + text + QChar(0x2069);
}

// A role looked up by its QML name, so these tests build (and fail) on models without it.
int role(const QAbstractItemModel &model, const QByteArray &name)
{
    return model.roleNames().key(name, -1);
}

QString suffix(const PeerId &peer)
{
    return u"#"_s + peer.toHex().left(4);
}

// A message as the node reports one it accepted, received at @p atMs.
StoredMessage received(const MeshTestPeer &sender, const QString &nickname, const QString &text,
                       qint64 atMs)
{
    static quint64 sequence = 0;
    StoredMessage message;
    message.packetId = QByteArray::number(++sequence).rightJustified(16, '0');
    message.senderId = sender.id();
    message.senderNickname = nickname;
    message.text = text;
    message.timestampMs = atMs;
    message.receivedAtMs = atMs;
    message.hops = 1;
    message.verified = true;
    return message;
}

// ChatModel::MaxKeptPerBurst and ChatModel::Collapsed, spelled out so this test also builds (and
// fails) against a ChatModel without flood collapsing.
constexpr int MaxKeptPerBurst = 500;
constexpr int CollapsedKind = 2;

// Rows whose dataChanged signals in @p spy were not all on @p row, or named other roles.
QString changesOutside(const QSignalSpy &spy, int row, const QList<int> &roles)
{
    for (const QList<QVariant> &change : spy) {
        const QModelIndex from = change.at(0).toModelIndex();
        const QModelIndex to = change.at(1).toModelIndex();
        for (int changedRole : change.at(2).value<QList<int>>()) {
            if (!roles.contains(changedRole))
                return u"role %1"_s.arg(changedRole);
        }
        if (from.row() != row || to.row() != row)
            return u"rows %1-%2"_s.arg(from.row()).arg(to.row());
    }
    return {};
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
        QCOMPARE(texts.last(), isolated(u"alize"_s) + u" left"_s);
        QVERIFY(texts.contains(isolated(u"alice"_s) + u" joined"_s));
        QVERIFY(
            texts.contains(isolated(u"alice"_s) + u" is now known as "_s + isolated(u"alize"_s)));
        const int hi = int(texts.indexOf(u"hi!"_s));
        QVERIFY(hi > 0);
        const QModelIndex message = model.index(hi, 0);
        QCOMPARE(message.data(ChatModel::SenderNicknameRole).toString(), u"alice"_s);
        QCOMPARE(message.data(ChatModel::SenderPeerIdRole).toString(), alice.id().toHex());
        QCOMPARE(message.data(ChatModel::HopsRole).toInt(), 1);
        QVERIFY(message.data(ChatModel::VerifiedRole).toBool());
        QVERIFY(!message.data(ChatModel::OwnRole).toBool());
        QCOMPARE(message.data(ChatModel::SenderColorRole).value<QColor>(),
                 model.index(int(texts.indexOf(isolated(u"alice"_s) + u" joined"_s)), 0)
                     .data(ChatModel::SenderColorRole)
                     .value<QColor>());

        model.addNote(u"2 peers"_s);
        QCOMPARE(model.index(model.rowCount() - 1, 0).data(ChatModel::SystemEventRole).toInt(),
                 int(ChatModel::Note));
        link->drop(u"cable cut"_s);
        QVERIFY(column(model, ChatModel::TextRole).last().contains(isolated(u"cable cut"_s)));
    }

    // Issue 8 defect 11: what a peer chose is shown as it is, isolated, and never reorders or
    // styles the sentence around it.
    void chatModelIsolatesPeerText()
    {
        QTemporaryDir dir;
        NodeHarness harness(dir.filePath(u"h.sqlite"_s));
        ChatModel model;
        QAbstractItemModelTester tester(&model, Fatal);
        model.setNode(harness.node.get());
        harness.node->start();

        const QString rlo = QChar(0x202E) + u"gnp.exe"_s;
        const QString img = u"<img src=\"http://127.0.0.1:9/x.png\">"_s;
        MeshTestPeer reversed(rlo), markup(img);
        FakeLink *link = harness.transport.acceptIncoming(u"n"_s);
        Q_EMIT link->frameReceived(reversed.frame(reversed.announcePacket(now(harness))));
        Q_EMIT link->frameReceived(markup.frame(markup.announcePacket(now(harness))));
        Q_EMIT link->frameReceived(
            markup.frame(markup.messagePacket(u"<b>bold</b> "_s + img, now(harness) + 1)));

        const QStringList texts = column(model, ChatModel::TextRole);
        // The override is closed (PDF) before the isolate ends: " joined" reads on unchanged.
        QVERIFY2(texts.contains(isolated(rlo + QChar(0x202C)) + u" joined"_s),
                 qPrintable(texts.join(u'|')));
        QVERIFY(texts.contains(isolated(img) + u" joined"_s));
        const int displayName = role(model, "displayName");
        QVERIFY(displayName >= 0);
        const QModelIndex message = model.index(model.rowCount() - 1, 0);
        QCOMPARE(message.data(ChatModel::TextRole).toString(), u"<b>bold</b> "_s + img);
        QCOMPARE(message.data(ChatModel::SenderNicknameRole).toString(), img);
        QCOMPARE(message.data(displayName).toString(), isolated(img));
    }

    // Issue 8 defect 12: namesakes in the chat (and a peer named like us) carry "#" and four
    // hex digits of their peer ID, repainted in place when the second one appears.
    void chatModelTellsNamesakesApart()
    {
        QTemporaryDir dir;
        NodeHarness harness(dir.filePath(u"h.sqlite"_s));
        ChatModel model;
        QAbstractItemModelTester tester(&model, Fatal);
        model.setNode(harness.node.get());
        harness.node->start();
        const int displayName = role(model, "displayName");
        QVERIFY(displayName >= 0);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        QVERIFY(harness.node->broadcast(u"mine"_s));
        MeshTestPeer first(u"sam"_s), second(u"Sam"_s), mimic(u"me"_s);
        FakeLink *link = harness.transport.acceptIncoming(u"n"_s);
        Q_EMIT link->frameReceived(first.frame(first.announcePacket(now(harness))));
        Q_EMIT link->frameReceived(first.frame(first.messagePacket(u"hi"_s, now(harness) + 1)));
        const int hi = model.rowCount() - 1;
        QCOMPARE(model.index(hi, 0).data(displayName).toString(), isolated(u"sam"_s));
        QCOMPARE(model.index(0, 0).data(displayName).toString(), isolated(u"me"_s));

        changed.clear();
        Q_EMIT link->frameReceived(second.frame(second.announcePacket(now(harness))));
        QCOMPARE(model.index(hi, 0).data(displayName).toString(),
                 isolated(u"sam"_s) + suffix(first.id()));
        QCOMPARE(model.index(hi - 1, 0).data(ChatModel::TextRole).toString(),
                 isolated(u"sam"_s) + suffix(first.id()) + u" joined"_s);
        QCOMPARE(model.index(model.rowCount() - 1, 0).data(ChatModel::TextRole).toString(),
                 isolated(u"Sam"_s) + suffix(second.id()) + u" joined"_s);
        bool repainted = false;
        for (const QList<QVariant> &change : std::as_const(changed)) {
            if (change.at(0).toModelIndex().row() == hi)
                repainted = change.at(2).value<QList<int>>().contains(displayName);
        }
        QVERIFY2(repainted, "the earlier message's name is repainted, not reset");

        Q_EMIT link->frameReceived(mimic.frame(mimic.announcePacket(now(harness))));
        QCOMPARE(model.index(0, 0).data(displayName).toString(),
                 isolated(u"me"_s) + suffix(harness.node->peerId()));
        QCOMPARE(model.index(model.rowCount() - 1, 0).data(ChatModel::TextRole).toString(),
                 isolated(u"me"_s) + suffix(mimic.id()) + u" joined"_s);
        harness.node->setNickname(u"someone else"_s);
        QCOMPARE(model.index(model.rowCount() - 1, 0).data(ChatModel::TextRole).toString(),
                 isolated(u"me"_s) + suffix(mimic.id()) + u" joined"_s); // our row still says "me"
    }

    // Issue 8 defect 7: one sender's flood becomes one row that counts, repainted in place;
    // Show inserts what it hid; honest rows keep coming.
    void chatModelCollapsesOneSendersFlood()
    {
        QTemporaryDir dir;
        NodeHarness harness(dir.filePath(u"h.sqlite"_s));
        ChatModel model;
        QAbstractItemModelTester tester(&model, Fatal);
        model.setNode(harness.node.get());
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        MeshTestPeer bob(u"bob"_s), alice(u"alice"_s);
        const qint64 start = harness.clock.epochMs();
        constexpr int Flood = 2941;
        for (int i = 0; i < Flood; ++i) {
            const qint64 at = start + i * 10'000 / Flood;
            Q_EMIT harness.node->messageReceived(received(bob, u"bob"_s, u"spam %1"_s.arg(i), at));
            if (i % 500 == 0)
                Q_EMIT harness.node->messageReceived(received(alice, u"alice"_s, u"honest"_s, at));
        }
        QCOMPARE(reset.size(), 0);
        const QStringList texts = column(model, ChatModel::TextRole);
        QCOMPARE(texts.count(u"honest"_s), 6);
        QCOMPARE(model.rowCount(), 20 + 1 + 6); // 20 shown, one collapsed row, alice's
        QCOMPARE(inserted.size(), 27);
        const int hiddenCount = role(model, "hiddenCount");
        QVERIFY(hiddenCount >= 0);
        const int collapsed = int(texts.indexOf(u"spam 19"_s)) + 1;
        const QModelIndex row = model.index(collapsed, 0);
        QCOMPARE(row.data(ChatModel::TextRole).toString(),
                 isolated(u"bob"_s) +
                     u" sent %1 messages in 10 s — hidden"_s.arg(QLocale().toString(Flood - 20)));
        QCOMPARE(row.data(ChatModel::SenderPeerIdRole).toString(), bob.id().toHex());
        QCOMPARE(row.data(hiddenCount).toInt(), MaxKeptPerBurst);
        QCOMPARE(changed.size(), Flood - 20 - 1);
        QCOMPARE(changesOutside(changed, collapsed, {ChatModel::TextRole, hiddenCount}), QString());

        // Show: the kept messages come in after the collapsed row, which says what it did.
        inserted.clear();
        QVERIFY(QMetaObject::invokeMethod(&model, "showHidden", Q_ARG(int, collapsed)));
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), collapsed + 1);
        QCOMPARE(inserted.first().at(2).toInt(), collapsed + MaxKeptPerBurst);
        QCOMPARE(model.index(collapsed + 1, 0).data(ChatModel::TextRole).toString(), u"spam 20"_s);
        QCOMPARE(row.data(hiddenCount).toInt(), 0);
        QVERIFY(row.data(ChatModel::TextRole).toString().contains(u"the first 500 shown below"_s));
        QCOMPARE(reset.size(), 0);

        // Quiet for a window: bob is heard again; a second flood collapses into a new row.
        const qint64 later = start + 30'000;
        const int before = model.rowCount();
        for (int i = 0; i < 25; ++i)
            Q_EMIT harness.node->messageReceived(received(bob, u"bob"_s, u"again"_s, later));
        QCOMPARE(model.rowCount(), before + 21);
        QCOMPARE(model.index(model.rowCount() - 1, 0).data(ChatModel::KindRole).toInt(),
                 CollapsedKind);
        QCOMPARE(model.index(model.rowCount() - 1, 0).data(ChatModel::TextRole).toString(),
                 isolated(u"bob"_s) + u" sent 5 messages in 1 s — hidden"_s);

        // Our own messages are never collapsed.
        for (int i = 0; i < 30; ++i)
            QVERIFY(harness.node->broadcast(u"own %1"_s.arg(i)));
        QCOMPARE(column(model, ChatModel::TextRole).count(u"own 29"_s), 1);
        QCOMPARE(model.rowCount(), before + 21 + 30);
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

    // Showing an earlier burst leaves the one still going collapsed.
    void chatModelShowsAnEarlierBurstWithoutEndingTheCurrentOne()
    {
        QTemporaryDir dir;
        NodeHarness harness(dir.filePath(u"h.sqlite"_s));
        ChatModel model;
        QAbstractItemModelTester tester(&model, Fatal);
        model.setNode(harness.node.get());
        MeshTestPeer bob(u"bob"_s);
        const qint64 start = harness.clock.epochMs();
        for (int i = 0; i < 25; ++i) // 20 rows, then burst 1 (row 20) hides 5
            Q_EMIT harness.node->messageReceived(received(bob, u"bob"_s, u"one"_s, start));
        for (int i = 0; i < 25; ++i) // quiet 20 s later: 20 rows, then burst 2 (row 41)
            Q_EMIT harness.node->messageReceived(received(bob, u"bob"_s, u"two"_s, start + 20'000));
        QCOMPARE(model.rowCount(), 42);
        QVERIFY(QMetaObject::invokeMethod(&model, "showHidden", Q_ARG(int, 20)));
        QCOMPARE(model.rowCount(), 47);
        Q_EMIT harness.node->messageReceived(received(bob, u"bob"_s, u"two"_s, start + 20'001));
        QCOMPARE(model.rowCount(), 47); // still hidden in burst 2, now row 46
        QCOMPARE(model.index(46, 0).data(ChatModel::TextRole).toString(),
                 isolated(u"bob"_s) + u" sent 6 messages in 1 s — hidden"_s);
    }

    // Issue 8 defect 12, peer list: present namesakes (and a peer named like us) show the
    // "#1a2b" suffix, which goes away again when the name is no longer shared.
    void peerModelTellsNamesakesApart()
    {
        QTemporaryDir dir;
        NodeHarness harness(dir.filePath(u"h.sqlite"_s));
        harness.node->start();
        PeerModel peers;
        QAbstractItemModelTester tester(&peers, Fatal);
        peers.setNode(harness.node.get());
        const int displayName = role(peers, "displayName");
        QVERIFY(displayName >= 0);
        QSignalSpy changed(&peers, &QAbstractItemModel::dataChanged);

        MeshTestPeer first(u"sam"_s), second(u"sam"_s), mimic(u"ME"_s);
        FakeLink *link = harness.transport.acceptIncoming(u"n"_s);
        Q_EMIT link->frameReceived(first.frame(first.announcePacket(now(harness))));
        QCOMPARE(peers.index(0, 0).data(displayName).toString(), isolated(u"sam"_s));
        Q_EMIT link->frameReceived(second.frame(second.announcePacket(now(harness), 6)));
        QCOMPARE(peers.index(0, 0).data(displayName).toString(),
                 isolated(u"sam"_s) + suffix(first.id()));
        QCOMPARE(peers.index(1, 0).data(displayName).toString(),
                 isolated(u"sam"_s) + suffix(second.id()));
        QCOMPARE(changed.last().at(0).toModelIndex().row(), 0);
        QCOMPARE(changed.last().at(2).value<QList<int>>(), QList<int>{displayName});

        Q_EMIT link->frameReceived(second.frame(second.leavePacket(now(harness) + 5, 6)));
        QCOMPARE(peers.rowCount(), 1);
        QCOMPARE(peers.index(0, 0).data(displayName).toString(), isolated(u"sam"_s));

        Q_EMIT link->frameReceived(mimic.frame(mimic.announcePacket(now(harness))));
        QCOMPARE(peers.index(1, 0).data(displayName).toString(),
                 isolated(u"ME"_s) + suffix(mimic.id()));
        harness.node->setNickname(u"renamed"_s);
        QCOMPARE(peers.index(1, 0).data(displayName).toString(), isolated(u"ME"_s));
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

        // After a wipe the next window's log starts empty.
        capture.clear();
        LogModel fresh;
        fresh.setCapture(&capture);
        QCOMPARE(fresh.rowCount(), 0);
    }

    // A peer string quoted mid-sentence in a log line cannot reorder the rest of it.
    void logModelWritesOutBidiControls()
    {
        LogCapture capture(3);
        LogModel log;
        QAbstractItemModelTester tester(&log, Fatal);
        log.setCapture(&capture);
        capture.record(QtInfoMsg, u"meshcast.mesh"_s, u"peer \u202Egnp.exe joined"_s);
        QTRY_COMPARE(log.rowCount(), 1);
        QCOMPARE(log.index(0, 0).data(LogModel::MessageRole).toString(),
                 u"peer <U+202E>gnp.exe joined"_s);
    }
};

QTEST_GUILESS_MAIN(ModelsTest)
#include "ModelsTest.moc"
