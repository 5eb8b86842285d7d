// SPDX-License-Identifier: GPL-3.0-or-later
// The real window (qrc:/Meshcast/Main.qml, Fusion style, offscreen) over a real MeshNode whose
// neighbours are played on fake links. Issue 8 defect 11: nicknames, messages, close reasons and
// log lines full of markup are shown literally and bidi-isolated, and nothing in the window asks
// a local HTTP server on 127.0.0.1 for the images they name (a control Image proves the server is
// reachable, so silence means no fetch). Defect 12: namesakes are told apart in the peer list.
// Defect 7: a flood is one row whose Show button inserts what it hid.
#include <QQmlApplicationEngine>
#include <QQmlComponent>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSettings>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

#include "ChatModel.h"
#include "ConnectivitySettings.h"
#include "FakeLink.h"
#include "LogCapture.h"
#include "MeshTestPeer.h"
#include "NodeHarness.h"

Q_IMPORT_QML_PLUGIN(MeshcastPlugin)
Q_IMPORT_QML_PLUGIN(Meshcast_UiPlugin)

using namespace Qt::StringLiterals;

namespace {
constexpr int QQuickTextPlainText = 0; // Text.PlainText

QString isolated(const QString &text)
{
    return QChar(0x2068) + text + QChar(0x2069);
}

QString suffix(const PeerId &peer)
{
    return u"#"_s + peer.toHex().left(4);
}

// The visual items called @p name under @p root (delegates are visual children, not QObject ones).
QList<QQuickItem *> itemsNamed(QQuickItem *root, const QString &name)
{
    QList<QQuickItem *> found;
    QList<QQuickItem *> pending{root};
    while (!pending.isEmpty()) {
        QQuickItem *item = pending.takeLast();
        if (item->objectName() == name)
            found.append(item);
        pending.append(item->childItems());
    }
    return found;
}

// The `text` of every visible item called @p name under @p root; clears @p allPlain if one of
// them is not plain text.
QStringList plainTexts(QQuickItem *root, const QString &name, bool *allPlain)
{
    QStringList texts;
    for (QQuickItem *item : itemsNamed(root, name)) {
        if (!item->isVisible())
            continue;
        texts.append(item->property("text").toString());
        if (item->property("textFormat").toInt() != QQuickTextPlainText)
            *allPlain = false;
    }
    return texts;
}

// What the message bodies show (TextEdit.getText: the text, not its markup).
QStringList shownBodies(QQuickItem *root)
{
    QStringList texts;
    for (QQuickItem *item : itemsNamed(root, u"messageText"_s)) {
        QString shown;
        const int length = item->property("length").toInt();
        QMetaObject::invokeMethod(item, "getText", Q_RETURN_ARG(QString, shown), Q_ARG(int, 0),
                                  Q_ARG(int, length));
        texts.append(shown);
    }
    return texts;
}

StoredMessage floodMessage(const MeshTestPeer &sender, int n, qint64 atMs)
{
    StoredMessage message;
    message.packetId = QByteArray::number(n).rightJustified(16, 'f');
    message.senderId = sender.id();
    message.senderNickname = u"bob"_s;
    message.text = u"flood %1"_s.arg(n);
    message.timestampMs = atMs;
    message.receivedAtMs = atMs;
    message.hops = 1;
    message.verified = true;
    return message;
}
} // namespace

class WindowPeerTextTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QQuickStyle::setStyle(u"Fusion"_s); // as GuiSession sets it
        QCoreApplication::setOrganizationName(u"Meshcast"_s);
        QCoreApplication::setApplicationName(u"meshcast-window-peertext-test"_s);
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
        QSettings().setValue(u"nickname"_s, u"me"_s); // not a first run: no nickname prompt

        // A local web server that records what it is asked for and answers 404.
        QVERIFY(m_http.listen(QHostAddress::LocalHost, 0));
        connect(&m_http, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_http.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    const QByteArray line = socket->readLine(4096);
                    const QList<QByteArray> words = line.split(' ');
                    m_requested.append(QString::fromLatin1(words.value(1)));
                    socket->readAll();
                    socket->write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n"
                                  "Connection: close\r\n\r\n");
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    void hostilePeerTextIsShownLiterallyAndLoadsNothing()
    {
        QTemporaryDir dir;
        NodeHarness harness(dir.filePath(u"h.sqlite"_s));
        harness.node->start();
        ConnectivitySettings connectivity;
        LogCapture logCapture;
        QQmlApplicationEngine engine;
        engine.setInitialProperties({{u"node"_s, QVariant::fromValue(harness.node.get())},
                                     {u"connectivity"_s, QVariant::fromValue(&connectivity)},
                                     {u"logCapture"_s, QVariant::fromValue(&logCapture)}});
        engine.load(QUrl(u"qrc:/Meshcast/Main.qml"_s));
        QCOMPARE(engine.rootObjects().size(), 1);
        auto *root = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
        QVERIFY(root);
        QVERIFY(QTest::qWaitForWindowExposed(root));

        const QString base = u"http://127.0.0.1:%1/"_s.arg(m_http.serverPort());
        const auto img = [&base](const char *name) {
            return u"<img src=\"%1%2.png\" width=\"300\" height=\"40\">"_s.arg(base,
                                                                               QLatin1String(name));
        };
        const QString reversed = QChar(0x202E) + u"gnp.exe"_s;
        MeshTestPeer markup(img("nick") + u"<b>b</b>"_s), rtl(reversed), sam1(u"sam"_s),
            sam2(u"sam"_s), bob(u"bob"_s);
        const qint64 t = harness.clock.epochMs();
        FakeLink *link = harness.transport.acceptIncoming(u"n"_s);
        for (const MeshTestPeer *peer : {&markup, &rtl, &sam1, &sam2, &bob})
            Q_EMIT link->frameReceived(peer->frame(peer->announcePacket(quint64(t))));
        Q_EMIT link->frameReceived(markup.frame(markup.messagePacket(
            img("message") + u" <b>bold</b> see "_s + base + u"link.png"_s, quint64(t) + 1)));
        Q_EMIT link->frameReceived(rtl.frame(rtl.messagePacket(u"hello"_s, quint64(t) + 1)));
        harness.transport.acceptIncoming(u"second"_s)->drop(img("reason"));
        logCapture.record(QtWarningMsg, u"meshcast.mesh"_s, u"peer "_s + img("log") + reversed);

        auto *peerList = root->findChild<QQuickItem *>(u"peerList"_s);
        auto *chatList = root->findChild<QQuickItem *>(u"chatList"_s);
        QVERIFY(peerList && chatList);
        QTRY_COMPARE(peerList->property("count").toInt(), 5);
        QTRY_VERIFY(chatList->property("count").toInt() >= 9);
        QMetaObject::invokeMethod(root->findChild<QObject *>(u"logDrawer"_s), "open");
        QTRY_VERIFY(root->findChild<QQuickItem *>(u"logList"_s)->property("count").toInt() > 0);
        QTRY_VERIFY(root->findChild<QObject *>(u"logDrawer"_s)->property("opened").toBool());
        const QImage shot = root->grabWindow(); // lays out and renders every visible row
        QVERIFY(!shot.isNull());
        if (const QString path = qEnvironmentVariable("MESHCAST_PEERTEXT_SHOT"); !path.isEmpty())
            shot.save(path);

        // The server is reachable from this window: a control image asks for it. Requests
        // the hostile text would have made were queued earlier, so they would be in by now.
        for (const QString &control : {u"control-1"_s, u"control-2"_s}) {
            QQmlComponent component(&engine);
            component.setData(
                u"import QtQuick\nImage { source: \"%1%2.png\" }"_s.arg(base, control).toUtf8(),
                QUrl());
            std::unique_ptr<QObject> image(component.create());
            QVERIFY2(image, qPrintable(component.errorString()));
            image->setParent(root->contentItem());
            qobject_cast<QQuickItem *>(image.get())->setParentItem(root->contentItem());
            QTRY_VERIFY(m_requested.contains(u"/"_s + control + u".png"_s));
            QTRY_COMPARE(image->property("status").toInt(), 3); // Image.Error: the 404
            root->grabWindow();
        }
        QVERIFY2(m_requested == (QStringList{u"/control-1.png"_s, u"/control-2.png"_s}),
                 qPrintable(u"the window fetched "_s + m_requested.join(u", "_s)));

        // What the user sees: the literal strings, each name isolated, namesakes suffixed.
        bool allPlain = true;
        const QStringList peerNames = plainTexts(peerList, u"peerNickname"_s, &allPlain);
        QVERIFY2(allPlain, "a peer name is not plain text");
        QVERIFY2(peerNames.contains(isolated(img("nick") + u"<b>b</b>"_s)),
                 qPrintable(peerNames.join(u'|')));
        QVERIFY(peerNames.contains(isolated(reversed + QChar(0x202C))));
        QVERIFY(peerNames.contains(isolated(u"sam"_s) + suffix(sam1.id())));
        QVERIFY(peerNames.contains(isolated(u"sam"_s) + suffix(sam2.id())));
        QVERIFY(peerNames.contains(isolated(u"bob"_s)));
        const QStringList senders = plainTexts(chatList, u"senderNickname"_s, &allPlain);
        QVERIFY2(allPlain, "a sender name is not plain text");
        QVERIFY(senders.contains(isolated(img("nick") + u"<b>b</b>"_s)));
        const QStringList bodies = shownBodies(chatList);
        QVERIFY2(bodies.contains(img("message") + u" <b>bold</b> see "_s + base + u"link.png"_s),
                 qPrintable(bodies.join(u'|')));
        QVERIFY(bodies.contains(isolated(reversed + QChar(0x202C)) + u" joined"_s));
        QVERIFY(std::any_of(bodies.cbegin(), bodies.cend(), [&](const QString &body) {
            return body.endsWith(u"("_s + isolated(img("reason")) + u")"_s);
        }));

        // Defect 7: bob floods; the window shows 20, then one row with Show.
        auto *drawer = root->findChild<QObject *>(u"logDrawer"_s);
        QMetaObject::invokeMethod(drawer, "close");
        QTRY_VERIFY(!drawer->property("visible").toBool());
        const int before = chatList->property("count").toInt();
        for (int n = 0; n < 30; ++n)
            Q_EMIT harness.node->messageReceived(floodMessage(bob, n, t + 2));
        QTRY_COMPARE(chatList->property("count").toInt(), before + 21);
        QQuickItem *show = nullptr;
        QTRY_VERIFY([&] {
            for (QQuickItem *item : itemsNamed(chatList, u"showHidden"_s)) {
                if (item->isVisible())
                    show = item;
            }
            return show != nullptr;
        }());
        if (const QString path = qEnvironmentVariable("MESHCAST_FLOOD_SHOT"); !path.isEmpty())
            root->grabWindow().save(path);
        QTest::mouseClick(
            root, Qt::LeftButton, {},
            show->mapToScene(QPointF(show->width() / 2, show->height() / 2)).toPoint());
        QTRY_COMPARE(chatList->property("count").toInt(), before + 21 + 10);
    }

private:
    QTemporaryDir m_settings;
    QTcpServer m_http;
    QStringList m_requested;
};

QTEST_MAIN(WindowPeerTextTest)
#include "WindowPeerTextTest.moc"
