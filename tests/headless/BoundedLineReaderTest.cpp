// SPDX-License-Identifier: GPL-3.0-or-later
#include <QTest>

#include "BoundedLineReader.h"

/**
 * BoundedLineReader: the headless console's stdin split into lines, however the bytes are cut
 * into reads. An over-long line is refused once and its tail never comes out as a line (issue
 * 8, defect 9); memory stays within the line limit.
 */
class BoundedLineReaderTest : public QObject
{
    Q_OBJECT

private slots:
    void linesComeOutTheSameHoweverTheInputIsCut_data();
    void linesComeOutTheSameHoweverTheInputIsCut();
    void refusalIsReportedWhenTheLimitIsCrossed();
};

namespace {
const QString Refused = QStringLiteral("<refused>");

/** What the reader made of @p input fed in chunks of @p chunkSize, finish() included. */
QStringList readAll(const QByteArray &input, qsizetype maxLine, qsizetype chunkSize,
                    qsizetype *mostBuffered)
{
    BoundedLineReader reader(maxLine);
    QStringList out;
    const auto take = [&out](const BoundedLineReader::Line &line) {
        out.append(line.refused ? Refused : QString::fromLatin1(line.bytes));
    };
    *mostBuffered = 0;
    for (qsizetype at = 0; at < input.size(); at += chunkSize) {
        for (const BoundedLineReader::Line &line :
             reader.feed(QByteArrayView(input).sliced(at, std::min(chunkSize, input.size() - at))))
            take(line);
        *mostBuffered = std::max(*mostBuffered, reader.bufferedBytes());
    }
    if (const auto last = reader.finish())
        take(*last);
    return out;
}
} // namespace

void BoundedLineReaderTest::linesComeOutTheSameHoweverTheInputIsCut_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("maxLine");
    QTest::addColumn<QStringList>("expected");

    const QByteArray hundredKiB(100 * 1024, 'x');
    QTest::newRow("100 KiB line then hello, 64 KiB limit")
        << hundredKiB + "\nhello\n"
        << int(BoundedLineReader::DefaultMaxLineBytes)
        << QStringList{Refused, QStringLiteral("hello")};
    // Defect 9 as it was: the refused line's last bytes, short enough to be a message, were sent.
    QTest::newRow("tail short enough to be a message")
        << QByteArray(64 * 1024 + 4096 + 1, 'y') + "\nhello\n"
        << int(BoundedLineReader::DefaultMaxLineBytes)
        << QStringList{Refused, QStringLiteral("hello")};
    QTest::newRow("exactly the limit is a line")
        << QByteArray("12345678\nok\n") << 8
        << QStringList{QStringLiteral("12345678"), QStringLiteral("ok")};
    QTest::newRow("one byte over the limit is refused")
        << QByteArray("123456789\nok\n") << 8 << QStringList{Refused, QStringLiteral("ok")};
    QTest::newRow("two over-long lines, one refusal each")
        << QByteArray("123456789abc\n123456789\nok\n") << 8
        << QStringList{Refused, Refused, QStringLiteral("ok")};
    QTest::newRow("over-long line between two good ones")
        << QByteArray("a\n123456789abcdefgh\nb\n") << 8
        << QStringList{QStringLiteral("a"), Refused, QStringLiteral("b")};
    QTest::newRow("empty lines are lines")
        << QByteArray("\n\nx\n") << 8 << QStringList{QString(), QString(), QStringLiteral("x")};
    QTest::newRow("carriage return is left to the caller")
        << QByteArray("a\r\n") << 8 << QStringList{QStringLiteral("a\r")};
    QTest::newRow("last line without newline comes at the end")
        << QByteArray("a\nb") << 8 << QStringList{QStringLiteral("a"), QStringLiteral("b")};
    QTest::newRow("over-long last line without newline")
        << QByteArray("ok\n123456789abc") << 8 << QStringList{QStringLiteral("ok"), Refused};
    QTest::newRow("NUL bytes are data")
        << QByteArray("a\0b\n", 4) << 8 << QStringList{QString::fromLatin1("a\0b", 3)};
    QTest::newRow("nothing") << QByteArray() << 8 << QStringList();
}

void BoundedLineReaderTest::linesComeOutTheSameHoweverTheInputIsCut()
{
    QFETCH(QByteArray, input);
    QFETCH(int, maxLine);
    QFETCH(QStringList, expected);

    for (const qsizetype chunkSize : {qsizetype(1), qsizetype(2), qsizetype(3), qsizetype(7),
                                      qsizetype(4096), std::max<qsizetype>(input.size(), 1)}) {
        qsizetype mostBuffered = 0;
        const QStringList lines = readAll(input, maxLine, chunkSize, &mostBuffered);
        const QByteArray where = "in chunks of " + QByteArray::number(chunkSize);
        QVERIFY2(lines == expected, where.constData());
        QVERIFY2(mostBuffered <= maxLine, where.constData());
    }
}

void BoundedLineReaderTest::refusalIsReportedWhenTheLimitIsCrossed()
{
    // The user hears of the refusal as soon as the line is too long, not only at its end, and
    // only once however long it goes on.
    BoundedLineReader reader(8);
    QCOMPARE(reader.feed("12345678"), QList<BoundedLineReader::Line>());
    QCOMPARE(reader.feed("9"), (QList<BoundedLineReader::Line>{{{}, true}}));
    QCOMPARE(reader.feed(QByteArray(100000, 'z')), QList<BoundedLineReader::Line>());
    QCOMPARE(reader.bufferedBytes(), 0);
    QCOMPARE(reader.feed("\nnext\n"), (QList<BoundedLineReader::Line>{{"next", false}}));
    QCOMPARE(reader.refusedCount(), 1);
}

QTEST_GUILESS_MAIN(BoundedLineReaderTest)
#include "BoundedLineReaderTest.moc"
