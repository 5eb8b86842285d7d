// SPDX-License-Identifier: GPL-3.0-or-later
// Trust-on-first-use bindings: what a stranger's flood of new IDs can and cannot do to them.
#include <QTest>

#include "PeerBindings.h"

namespace {
constexpr qint64 Day = 24LL * 60 * 60 * 1000;

PeerId peer(int n)
{
    QByteArray bytes(PeerId::Size, '\0');
    bytes[0] = char(n >> 8);
    bytes[1] = char(n);
    return *PeerId::fromBytes(bytes);
}

QByteArray key(char c)
{
    return QByteArray(32, c);
}
} // namespace

class PeerBindingsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aFullTableRefusesNewIdsAndKeepsEveryBinding()
    {
        PeerBindings bindings(PeerBindings::Limits{3, 7 * Day, 1000});
        QVERIFY(bindings.bind(peer(1), key('a'), 1, 0));
        QVERIFY(bindings.bind(peer(2), key('b'), 1, 0));
        QVERIFY(bindings.bind(peer(3), key('c'), 1, 0));

        for (int n = 4; n < 1000; ++n)
            QVERIFY(!bindings.bind(peer(n), key('x'), 1, Day));
        QCOMPARE(bindings.size(), 3);
        QCOMPARE(bindings.check(peer(1), key('a')), PeerBindings::Check::Matches);
        QCOMPARE(bindings.check(peer(1), key('x')), PeerBindings::Check::Conflicts);
        QCOMPARE(bindings.check(peer(4), key('x')), PeerBindings::Check::Unknown);
    }

    void onlyAStaleUnpinnedBindingMakesRoom()
    {
        PeerBindings bindings(PeerBindings::Limits{2, 7 * Day, 1000});
        QVERIFY(bindings.bind(peer(1), key('a'), 1, 0));
        QVERIFY(bindings.bind(peer(2), key('b'), 1, 0));
        bindings.pin(peer(1));
        QVERIFY(!bindings.bind(peer(3), key('c'), 1, 6 * Day)); // nothing stale yet

        QVERIFY(bindings.bind(peer(3), key('c'), 1, 8 * Day));
        QCOMPARE(bindings.check(peer(2), key('b')), PeerBindings::Check::Unknown);
        QCOMPARE(bindings.check(peer(1), key('a')), PeerBindings::Check::Matches); // pinned
        QVERIFY(!bindings.bind(peer(4), key('d'), 1, 14 * Day)); // pinned stays, peer 3 is fresh
    }

    void aPeerSeenAgainIsNotStale()
    {
        PeerBindings bindings(PeerBindings::Limits{1, 7 * Day, 1000});
        QVERIFY(bindings.bind(peer(1), key('a'), 1, 0));
        bindings.refresh(peer(1), 2, 6 * Day);
        QVERIFY(!bindings.bind(peer(2), key('b'), 1, 8 * Day));
        QCOMPARE(bindings.announceTimestamp(peer(1)), std::optional<quint64>(2));
    }

    void everyChangeWorthKeepingReachesTheJournal()
    {
        PeerBindings bindings(PeerBindings::Limits{1, 7 * Day, 1000});
        QList<std::pair<PeerBinding, PeerBindings::Change>> journal;
        bindings.setJournal([&](const PeerBinding &binding, PeerBindings::Change change) {
            journal.append({binding, change});
        });
        bindings.bind(peer(1), key('a'), 1, 0);
        bindings.refresh(peer(1), 2, 500);  // under the granularity: not written
        bindings.refresh(peer(1), 3, 1500); // written
        bindings.pin(peer(1));
        bindings.pin(peer(1)); // already pinned: not written again
        QCOMPARE(journal.size(), 3);
        QCOMPARE(journal.at(1).first.announceTimestamp, 3u);
        QVERIFY(journal.at(2).first.pinned);

        PeerBindings unpinned(PeerBindings::Limits{1, 7 * Day, 1000});
        journal.clear();
        unpinned.setJournal([&](const PeerBinding &binding, PeerBindings::Change change) {
            journal.append({binding, change});
        });
        unpinned.bind(peer(1), key('a'), 1, 0);
        unpinned.bind(peer(2), key('b'), 1, 8 * Day);
        QCOMPARE(journal.size(), 3);
        QCOMPARE(journal.at(1).second, PeerBindings::Change::Removed);
        QCOMPARE(journal.at(1).first.peer, peer(1));
    }

    void loadedBindingsHoldAgainstAnotherKey()
    {
        PeerBindings bindings;
        bindings.load({PeerBinding{peer(1), key('a'), 10, 0, true}});
        QCOMPARE(bindings.check(peer(1), key('z')), PeerBindings::Check::Conflicts);
        QVERIFY(!bindings.bind(peer(1), key('z'), 11, 0));
        QVERIFY(bindings.isPinned(peer(1)));
    }
};

QTEST_GUILESS_MAIN(PeerBindingsTest)
#include "PeerBindingsTest.moc"
