// SPDX-License-Identifier: GPL-3.0-or-later
// NamesakeIndex: a name is ambiguous for a peer once another peer ID uses it, and it reports
// exactly when that flips, so the models repaint names only then.
#include <QTest>

#include "NamesakeIndex.h"
#include "PeerText.h"

using namespace Qt::StringLiterals;

namespace {
PeerId peer(QStringView hex)
{
    return PeerId::fromHex(hex).value();
}
const PeerId A = peer(u"aaaa000000000001");
const PeerId B = peer(u"bbbb000000000002");
const PeerId C = peer(u"cccc000000000003");
} // namespace

class NamesakeIndexTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void lastingUsesFlipOnceWhenASecondIdAppears()
    {
        NamesakeIndex names;
        QVERIFY(!names.add(u"sam"_s, A));
        QVERIFY(!names.add(u"sam"_s, A)); // another row, same peer
        QVERIFY(!names.isAmbiguous(u"sam"_s, A));
        QVERIFY(names.isAmbiguous(u"sam"_s, B)); // B would be taken for A
        QVERIFY(names.add(u"sam"_s, B));         // flips
        QVERIFY(names.isAmbiguous(u"sam"_s, A));
        QVERIFY(names.isAmbiguous(u"sam"_s, B));
        QVERIFY(!names.add(u"sam"_s, C)); // already ambiguous: nothing to repaint
        QVERIFY(!names.isAmbiguous(u"bob"_s, A));
    }

    void presentNamesFollowRenamesAndLeaves()
    {
        NamesakeIndex names;
        QCOMPARE(names.setPresent(A, u"sam"_s), QStringList{});
        QCOMPARE(names.setPresent(B, u"Sam"_s), QStringList{u"sam"_s}); // folded alike
        QCOMPARE(names.presentName(B), u"Sam"_s);
        QCOMPARE(names.setPresent(B, u"SAM"_s), QStringList{}); // looks the same: no flip
        QCOMPARE(names.setPresent(B, u"bob"_s), QStringList{u"sam"_s});
        QVERIFY(!names.isAmbiguous(u"sam"_s, A));
        QCOMPARE(names.setPresent(C, u"bob"_s), QStringList{u"bob"_s});
        QCOMPARE(names.setAbsent(C), QStringList{u"bob"_s});
        QCOMPARE(names.setAbsent(C), QStringList{}); // already gone
        QCOMPARE(names.presentName(C, u"fallback"_s), u"fallback"_s);
    }

    void aLastingUseOutlivesPresence()
    {
        // A peer that left keeps its name in the chat rows that show it.
        NamesakeIndex names;
        names.setPresent(A, u"sam"_s);
        names.add(u"sam"_s, A);
        QCOMPARE(names.setPresent(B, u"sam"_s), QStringList{u"sam"_s});
        QCOMPARE(names.setAbsent(A), QStringList{});
        QVERIFY(names.isAmbiguous(u"sam"_s, B));
        names.clear();
        QVERIFY(!names.isAmbiguous(u"sam"_s, B));
    }
};

QTEST_GUILESS_MAIN(NamesakeIndexTest)
#include "NamesakeIndexTest.moc"
