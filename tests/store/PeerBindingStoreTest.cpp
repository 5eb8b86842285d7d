// SPDX-License-Identifier: GPL-3.0-or-later
// Peer key bindings on a real SQLite file: they survive a restart, share the history file, and a
// damaged row is skipped, never trusted.
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "MessageStore.h"
#include "PeerBindingStore.h"

namespace {
PeerBinding binding(char n, bool pinned = false)
{
    return PeerBinding{*PeerId::fromBytes(QByteArray(PeerId::Size, n)), QByteArray(32, n),
                       quint64(n) * 10, qint64(n) * 100, pinned};
}
} // namespace

class PeerBindingStoreTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bindingsSurviveARestart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        {
            MessageStore history;
            QVERIFY(history.open(path));
            PeerBindingStore store;
            QVERIFY(store.open(history));
            QVERIFY(store.save(binding(1)));
            QVERIFY(store.save(binding(2, true)));
            QVERIFY(store.save(binding(3)));
            QVERIFY(store.remove(binding(3).peer));
            PeerBinding moved = binding(1);
            moved.lastSeenMs = 5000;
            QVERIFY(store.save(moved)); // a row per peer, replaced
        }
        MessageStore history;
        QVERIFY(history.open(path));
        PeerBindingStore reopened;
        QVERIFY(reopened.open(history));
        const QList<PeerBinding> loaded = reopened.load(10);
        QCOMPARE(loaded.size(), 2);
        QCOMPARE(loaded.at(0).peer, binding(2).peer); // pinned first
        QVERIFY(loaded.at(0).pinned);
        QCOMPARE(loaded.at(1).signingKey, binding(1).signingKey);
        QCOMPARE(loaded.at(1).lastSeenMs, 5000);
        QCOMPARE(reopened.load(1).size(), 1);
    }

    void aDamagedRowIsSkipped()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        MessageStore history;
        QVERIFY(history.open(path));
        PeerBindingStore store;
        QVERIFY(store.open(history));
        QVERIFY(store.save(binding(1)));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), u"raw"_qs);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("INSERT INTO peer_bindings VALUES "
                                              "(x'0102', x'03', 0, 0, 0)")));
        }
        QSqlDatabase::removeDatabase(u"raw"_qs);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"malformed peer binding"_qs));
        QCOMPARE(store.load(10).size(), 1);
    }

    void aClosedHistoryFailsCleanly()
    {
        MessageStore history;
        PeerBindingStore store;
        QString error;
        QVERIFY(!store.open(history, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!store.save(binding(1)));
        QVERIFY(store.load(10).isEmpty());
    }
};

QTEST_GUILESS_MAIN(PeerBindingStoreTest)
#include "PeerBindingStoreTest.moc"
