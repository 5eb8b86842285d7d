// SPDX-License-Identifier: GPL-3.0-or-later
// `meshcast --headless` driven the way another program drives it: stdin and stdout are pipes,
// not a terminal. Each event must reach the reader when it happens, not when the node exits or
// a stdio buffer fills (a node once wrote through block-buffered FILE *stdout).
#include <QJsonObject>
#include <QTest>

#include "HeadlessNode.h"

using namespace Qt::StringLiterals;

class HeadlessOutputTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void eventsArriveWhileTheNodeRuns()
    {
        HeadlessNode::Options options;
        options.nick = u"Piped"_s;
        HeadlessNode node(options);

        // start() waits for the ready line with stdin still open: the node is alive and idle.
        QVERIFY2(node.start(), "no ready event on a stdout pipe while the node runs");
        QCOMPARE(node.nick(), u"Piped"_s);
        QVERIFY(node.listenUrl().startsWith(u"ws://127.0.0.1:"_s));
        QVERIFY(!node.sendMessage(u"to nobody yet"_s).isEmpty());
        node.send(u"/who"_s);
        QTRY_COMPARE_WITH_TIMEOUT(node.events(u"who"_s).size(), 1, HeadlessNode::DefaultTimeoutMs);
        node.send(u"/nick Renamed"_s);
        QTRY_COMPARE_WITH_TIMEOUT(node.events(u"nick"_s).size(), 1, HeadlessNode::DefaultTimeoutMs);
        QCOMPARE(node.events(u"nick"_s).first().value(u"nick"_s).toString(), u"Renamed"_s);
        QVERIFY(node.isRunning());
    }
};

QTEST_GUILESS_MAIN(HeadlessOutputTest)
#include "HeadlessOutputTest.moc"
