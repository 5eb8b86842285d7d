// SPDX-License-Identifier: GPL-3.0-or-later
// PeerText: peer strings are bidi-isolated so nothing they contain can reorder what follows them,
// names that render alike collide, and namesakes get the bitchat "#1a2b" suffix.
#include <QTest>

#include "PeerText.h"

using namespace Qt::StringLiterals;

namespace {
const QString Fsi = QString(QChar(0x2068));
const QString Pdi = QString(QChar(0x2069));
const QString Pdf = QString(QChar(0x202C));
const QString Rlo = QString(QChar(0x202E));
const QString Rli = QString(QChar(0x2067));

PeerId peer(QStringView hex)
{
    return PeerId::fromHex(hex).value();
}
} // namespace

class PeerTextTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void isolateEncloses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("isolated");
        QTest::newRow("plain") << u"alice"_s << Fsi + u"alice"_s + Pdi;
        QTest::newRow("empty") << QString() << Fsi + Pdi;
        QTest::newRow("markup stays text") << u"<img src=x>"_s << Fsi + u"<img src=x>"_s + Pdi;
        QTest::newRow("override is closed before the isolate ends")
            << Rlo + u"gnp.exe"_s << Fsi + Rlo + u"gnp.exe"_s + Pdf + Pdi;
        QTest::newRow("a PDI of its own would close ours: dropped")
            << u"a"_s + Pdi + Rlo + u"b"_s << Fsi + u"a"_s + Rlo + u"b"_s + Pdf + Pdi;
        QTest::newRow("an unclosed isolate is closed")
            << Rli + u"x"_s << Fsi + Rli + u"x"_s + Pdi + Pdi;
        QTest::newRow("balanced controls are kept")
            << Rli + u"x"_s + Pdi + u"y"_s << Fsi + Rli + u"x"_s + Pdi + u"y"_s + Pdi;
        QTest::newRow("a stray PDF is dropped") << Pdf + u"x"_s << Fsi + u"x"_s + Pdi;
        QTest::newRow("line breaks become spaces")
            << u"a\nb\r\u2029c\u2028d\te"_s << Fsi + u"a b  c d e"_s + Pdi;
        QTest::newRow("control characters become spaces")
            << u"a\x1b[2Jb"_s << Fsi + u"a [2Jb"_s + Pdi;
    }
    void isolateEncloses()
    {
        QFETCH(QString, text);
        QFETCH(QString, isolated);
        QCOMPARE(PeerText::isolate(text), isolated);
    }

    void overrideDoesNotReachWhatFollows()
    {
        // What a user sees: the suffix after an RLO nickname stays in reading order.
        const QString shown =
            PeerText::displayName(Rlo + u"gnp.exe"_s, peer(u"1a2b3c4d5e6f7081"), true);
        QVERIFY(shown.endsWith(Pdf + Pdi + u"#1a2b"_s));
        QCOMPARE(shown.count(Fsi), 1);
        QCOMPARE(shown.count(Pdi), 1);
    }

    void collisionKeyFolds_data()
    {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::addColumn<bool>("collide");
        QTest::newRow("same") << u"sam"_s << u"sam"_s << true;
        QTest::newRow("case") << u"Sam"_s << u"sAM"_s << true;
        QTest::newRow("fullwidth") << u"sam"_s << u"\uFF53\uFF41\uFF4D"_s << true;
        QTest::newRow("mathematical bold") << u"Medic"_s << u"\U0001D40Cedic"_s << true;
        QTest::newRow("composed and decomposed") << u"Jos\u00E9"_s << u"Jose\u0301"_s << true;
        QTest::newRow("zero-width space") << u"sam"_s << u"s\u200Bam"_s << true;
        QTest::newRow("bidi override") << u"sam"_s << Rlo + u"sam"_s << true;
        QTest::newRow("surrounding spaces") << u"sam"_s << u" sam  "_s << true;
        QTest::newRow("inner spaces") << u"sam x"_s << u"sam   x"_s << true;
        QTest::newRow("different") << u"sam"_s << u"sam2"_s << false;
        QTest::newRow("cyrillic lookalike (not folded)")
            << u"Medic"_s << u"\u041C\u0435dic"_s << false;
    }
    void collisionKeyFolds()
    {
        QFETCH(QString, first);
        QFETCH(QString, second);
        QFETCH(bool, collide);
        QCOMPARE(PeerText::collisionKey(first) == PeerText::collisionKey(second), collide);
    }

    void displayNameSuffixesNamesakes_data()
    {
        QTest::addColumn<QString>("nickname");
        QTest::addColumn<bool>("ambiguous");
        QTest::addColumn<QString>("shown");
        QTest::newRow("unique") << u"sam"_s << false << Fsi + u"sam"_s + Pdi;
        QTest::newRow("namesake") << u"sam"_s << true << Fsi + u"sam"_s + Pdi + u"#1a2b"_s;
        QTest::newRow("empty name") << QString() << false << Fsi + Pdi + u"#1a2b"_s;
        QTest::newRow("invisible name")
            << u"\u200B\u200D"_s << false << Fsi + u"\u200B\u200D"_s + Pdi + u"#1a2b"_s;
    }
    void displayNameSuffixesNamesakes()
    {
        QFETCH(QString, nickname);
        QFETCH(bool, ambiguous);
        QFETCH(QString, shown);
        QCOMPARE(PeerText::displayName(nickname, peer(u"1a2b3c4d5e6f7081"), ambiguous), shown);
    }

    void revealBidiControlsWritesThemOut()
    {
        QCOMPARE(PeerText::revealBidiControls(u"peer "_s + Rlo + u"gnp.exe joined"_s),
                 u"peer <U+202E>gnp.exe joined"_s);
        QCOMPARE(PeerText::revealBidiControls(u"plain"_s), u"plain"_s);
    }
};

QTEST_GUILESS_MAIN(PeerTextTest)
#include "PeerTextTest.moc"
