// SPDX-License-Identifier: GPL-3.0-or-later
// The real `meshcast --headless` given over-long stdin lines (issue 8, defect 9): each is refused
// once, and no part of it reaches the mesh; the next line is a message as usual.
#include <QJsonObject>
#include <QTest>

#include "HeadlessMesh.h"

using namespace Qt::StringLiterals;

namespace {
constexpr int FormMs = 20000;
constexpr int DeliveryMs = 10000;

QStringList texts(const QList<QJsonObject> &events)
{
    QStringList all;
    for (const QJsonObject &event : events)
        all.append(event.value(u"text"_s).toString());
    return all;
}
} // namespace

class HeadlessLongLineTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void overLongLinesNeverReachTheNeighbours()
    {
        HeadlessMesh mesh;
        QVERIFY(mesh.startChain(2));
        QTRY_VERIFY_WITH_TIMEOUT(mesh.isFullyConnected(), FormMs);
        HeadlessNode &neighbour = mesh.at(0);
        HeadlessNode &typist = mesh.at(1);

        // One write; the node reads it 4 KiB at a time. The 100 KiB line is the report's; the
        // second is cut so that whatever follows the 64 KiB limit fits in one message (the
        // node's own 4,096-byte message limit hid the first line's tail).
        const QString hundredKiB(100 * 1024, u'x');
        const QString tailFitsAMessage(64 * 1024 + 4096 + 1, u'y');
        typist.send(hundredKiB + u'\n' + tailFitsAMessage + u"\nhello"_s);

        QTRY_VERIFY_WITH_TIMEOUT(texts(neighbour.events(u"message"_s)).contains(u"hello"_s),
                                 DeliveryMs);
        // Anything the typist sent before "hello" went the same way and would be here by now.
        QCOMPARE(texts(neighbour.events(u"message"_s)), QStringList{u"hello"_s});
        QCOMPARE(typist.events(u"queued"_s).size(), 1);
        const QList<QJsonObject> errors = typist.events(u"error"_s);
        QCOMPARE(errors.size(), 2); // one refusal per over-long line, nothing about its tail
        for (const QJsonObject &error : errors)
            QVERIFY2(error.value(u"what"_s).toString().contains(u"too long"_s),
                     qPrintable(error.value(u"what"_s).toString()));
        QVERIFY(typist.isRunning());
    }
};

QTEST_GUILESS_MAIN(HeadlessLongLineTest)
#include "HeadlessLongLineTest.moc"
