// SPDX-License-Identifier: GPL-3.0-or-later
// The real Main.qml, offscreen, on a real node linked over loopback to a second node: what one
// user types in the window reaches the other node, and the window's peer list follows that node.
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

#include "ChatModel.h"
#include "ConnectivitySettings.h"
#include "LogCapture.h"
#include "MeshNode.h"
#include "NodeRuntime.h"

Q_IMPORT_QML_PLUGIN(MeshcastPlugin)
Q_IMPORT_QML_PLUGIN(Meshcast_UiPlugin)

using namespace Qt::StringLiterals;

namespace {
constexpr int NetworkTimeoutMs = 15000;

AppOptions nodeOptions(const QString &dataDir, const QString &nick, const QStringList &peers)
{
    AppOptions options;
    options.dataDir = dataDir;
    options.nickname = nick;
    options.noBle = true;
    options.peers = peers;
    options.announceIntervalMs = 1000;
    return options;
}

QStringList texts(const ChatModel &model)
{
    QStringList all;
    for (int row = 0; row < model.rowCount(); ++row)
        all.append(model.index(row, 0).data(ChatModel::TextRole).toString());
    return all;
}
} // namespace

class WindowEndToEndTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void typedMessageReachesTheOtherNodeAndThePeerListFollowsIt()
    {
        QTemporaryDir windowDir;
        QTemporaryDir otherDir;
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, windowDir.path());
        QSettings().setValue(u"nickname"_s, u"wendy"_s); // not a first run: no nickname prompt

        NodeRuntime window(nodeOptions(windowDir.path(), u"wendy"_s, {}));
        QString error;
        QVERIFY2(window.start(&error), qPrintable(error));
        auto other = std::make_unique<NodeRuntime>(
            nodeOptions(otherDir.path(), u"oscar"_s, {window.listenUrl()}));
        QVERIFY2(other->start(&error), qPrintable(error));
        ChatModel otherChat;
        otherChat.setNode(&other->node());

        ConnectivitySettings connectivity;
        LogCapture logCapture;
        QQmlApplicationEngine engine;
        engine.setInitialProperties({{u"node"_s, QVariant::fromValue(&window.node())},
                                     {u"connectivity"_s, QVariant::fromValue(&connectivity)},
                                     {u"logCapture"_s, QVariant::fromValue(&logCapture)}});
        engine.load(QUrl(u"qrc:/Meshcast/Main.qml"_s));
        QCOMPARE(engine.rootObjects().size(), 1);
        auto *root = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
        QVERIFY(root);
        QVERIFY(QTest::qWaitForWindowExposed(root));

        auto *peerList = root->findChild<QQuickItem *>(u"peerList"_s);
        auto *peerHeader = root->findChild<QQuickItem *>(u"peerHeader"_s);
        QVERIFY(peerList && peerHeader);
        QTRY_COMPARE_WITH_TIMEOUT(peerList->property("count").toInt(), 1, NetworkTimeoutMs);
        QVERIFY(peerHeader->property("text").toString().contains(u"1"_s));

        auto *input = root->findChild<QQuickItem *>(u"composerInput"_s);
        QVERIFY(input);
        QTRY_VERIFY(input->hasActiveFocus()); // focus starts in the composer
        // QTest::keyClicks takes a QWidget; a QQuickWindow gets the same clicks one key at a time.
        for (const char key : "hello from the window"_ba)
            QTest::keyClick(root, key);
        QTest::keyClick(root, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(texts(otherChat).contains(u"hello from the window"_s),
                                 NetworkTimeoutMs);
        QCOMPARE(input->property("text").toString(), QString()); // the composer is cleared

        other->node().sendLeave();
        QTRY_COMPARE_WITH_TIMEOUT(peerList->property("count").toInt(), 0, NetworkTimeoutMs);
        other.reset();
    }
};

QTEST_MAIN(WindowEndToEndTest)
#include "WindowEndToEndTest.moc"
