// SPDX-License-Identifier: GPL-3.0-or-later
// The windowed app as GuiSession starts it, offscreen: a damaged key file or history is shown in a
// window that says what is wrong, where and what to do, and is never replaced unless the user
// confirms a wipe; the emergency wipe from the chat window leaves a new identity and nothing of
// the old one. Set MESHCAST_SCREENSHOT_DIR to keep PNGs of the windows for review.
#include <QDir>
#include <QFile>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "GuiSession.h"
#include "IdentityStore.h"
#include "LogCapture.h"
#include "MeshNode.h"
#include "MessageStore.h"
#include "NodeRuntime.h"

using namespace Qt::StringLiterals;

namespace {
constexpr int WindowMs = 10000;

AppOptions optionsFor(const QString &dataDir)
{
    AppOptions options;
    options.dataDir = dataDir;
    options.noBle = true;
    return options;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QQuickItem *item(QQuickWindow *window, const QString &name)
{
    return window ? window->findChild<QQuickItem *>(name) : nullptr;
}

QObject *object(QQuickWindow *window, const QString &name)
{
    return window ? window->findChild<QObject *>(name) : nullptr;
}

/** A real mouse click in the middle of @p target. */
void click(QQuickWindow *window, QQuickItem *target)
{
    QVERIFY(target);
    QTRY_VERIFY(target->isVisible() && target->isEnabled());
    const QPointF centre = target->mapToScene(QPointF(target->width() / 2, target->height() / 2));
    QTest::mouseClick(window, Qt::LeftButton, {}, centre.toPoint());
}

void type(QQuickWindow *window, const QByteArray &text)
{
    for (const char key : text)
        QTest::keyClick(window, key);
}

/** Keeps a PNG of @p window when MESHCAST_SCREENSHOT_DIR is set. */
void keepScreenshot(QQuickWindow *window, const QString &name)
{
    const QString dir = qEnvironmentVariable("MESHCAST_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QVERIFY(window->grabWindow().save(QDir(dir).filePath(name + u".png"_s)));
}
} // namespace

class GuiSessionTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // As main() names the application: the settings file is DATA_DIR/Meshcast/meshcast.conf.
        QCoreApplication::setOrganizationName(u"Meshcast"_s);
        QCoreApplication::setApplicationName(u"meshcast"_s);
        QQuickStyle::setStyle(u"Fusion"_s);
    }

    void damagedFileIsShownAndKept_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("damage");
        QTest::addColumn<QString>("kind");
        QTest::newRow("key file is not JSON")
            << u"identity.json"_s << QByteArray("{\"version\": 1, \"noise\": ") << u"identity"_s;
        QTest::newRow("history is not a database")
            << u"history.sqlite"_s << QByteArray(4096, 'Z') << u"history"_s;
    }

    void damagedFileIsShownAndKept()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, damage);
        QFETCH(QString, kind);
        QTemporaryDir dataDir;
        const QString damaged = dataDir.filePath(fileName);
        QVERIFY(writeAll(damaged, damage));

        LogCapture log;
        GuiSession session(optionsFor(dataDir.path()), log);
        QSignalSpy finished(&session, &GuiSession::finished);
        session.start();
        QQuickWindow *window = session.window();
        QVERIFY(window);
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QVERIFY(!session.runtime()->isStarted());

        QCOMPARE(window->property("kind").toString(), kind);
        QCOMPARE(window->title(), u"Meshcast cannot start"_s);
        const QString title = item(window, u"problemTitle"_s)->property("text").toString();
        QVERIFY2(title.contains(kind == u"identity" ? u"key file"_s : u"history"_s),
                 qPrintable(title));
        const QString message = item(window, u"problemMessage"_s)->property("text").toString();
        QVERIFY2(message.contains(u"damaged"_s) || message.contains(u"not a database"_s),
                 qPrintable(message));
        QCOMPARE(item(window, u"problemPath"_s)->property("text").toString(), damaged);
        QVERIFY(item(window, u"problemPath"_s)->isVisible());
        // What to do: restore a backup, move it away, or start fresh.
        // Repeater rows are visual children of the column, not QObject children.
        QList<QQuickItem *> advice;
        for (QQuickItem *row : item(window, u"problemTitle"_s)->parentItem()->childItems()) {
            if (row->objectName() == u"problemAdvice")
                advice.append(row);
        }
        QCOMPARE(advice.size(), 3);
        QVERIFY(advice.at(0)->property("text").toString().contains(u"backup"_s));
        QVERIFY(advice.at(1)->property("text").toString().contains(u"move"_s));
        QVERIFY(advice.at(2)->property("text").toString().contains(u"start fresh"_s));
        QVERIFY(item(window, u"startFreshButton"_s)->isVisible());
        QVERIFY(item(window, u"quitButton"_s)->hasActiveFocus());
        keepScreenshot(window, u"startup-problem-"_s + kind);

        click(window, item(window, u"quitButton"_s));
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().toInt(), 1);
        QCOMPARE(readAll(damaged), damage); // never replaced
    }

    void startFreshFromTheProblemWindowAsksFirst()
    {
        QTemporaryDir dataDir;
        const QString key = dataDir.filePath(u"identity.json"_s);
        QVERIFY(writeAll(key, "not a key"));
        LogCapture log;
        GuiSession session(optionsFor(dataDir.path()), log);
        QSignalSpy shown(&session, &GuiSession::windowShown);
        session.start();
        QQuickWindow *problem = session.window();
        QVERIFY(problem && QTest::qWaitForWindowExposed(problem));

        click(problem, item(problem, u"startFreshButton"_s));
        QObject *dialog = object(problem, u"wipeDialog"_s);
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->property("opened").toBool());
        keepScreenshot(problem, u"startup-problem-confirm"_s);
        QTest::keyClick(problem, Qt::Key_Escape); // changing one's mind deletes nothing
        QTRY_VERIFY(!dialog->property("visible").toBool());
        QCOMPARE(readAll(key), "not a key"_ba);
        QCOMPARE(session.window(), problem);

        click(problem, item(problem, u"startFreshButton"_s));
        QTRY_VERIFY(dialog->property("opened").toBool());
        click(problem, item(problem, u"wipeConfirm"_s));
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 2, WindowMs);
        QVERIFY(session.runtime()->isStarted());
        const auto stored = IdentityStore(dataDir.path()).load();
        QVERIFY2(stored.ok(), qPrintable(stored.ok() ? QString() : stored.error()));
        QCOMPARE(stored->peerId(), session.runtime()->node().peerId());
        QCOMPARE(session.window()->property("kind"), QVariant()); // the chat window now
    }

    void wipeFromTheChatLeavesANewIdentityAndNoHistory()
    {
        QTemporaryDir dataDir;
        LogCapture log;
        GuiSession session(optionsFor(dataDir.path()), log);
        QSettings().setValue(u"nickname"_s, u"wendy"_s); // not a first run: no nickname prompt
        QSignalSpy shown(&session, &GuiSession::windowShown);
        session.start();
        QQuickWindow *window = session.window();
        QVERIFY(window && QTest::qWaitForWindowExposed(window));
        const QString oldId = session.runtime()->node().peerIdHex();
        QVERIFY(session.runtime()->node().broadcast(u"said before the wipe"_s));
        const QString settingsFile = QSettings().fileName();
        QCOMPARE(settingsFile, dataDir.filePath(u"Meshcast/meshcast.conf"_s));

        QTRY_VERIFY(item(window, u"composerInput"_s)->hasActiveFocus());
        type(window, "/wipe");
        QTest::keyClick(window, Qt::Key_Return);
        QObject *dialog = object(window, u"wipeDialog"_s);
        QTRY_VERIFY(dialog->property("opened").toBool());
        QTRY_VERIFY(item(window, u"wipeCancel"_s)->hasActiveFocus());
        keepScreenshot(window, u"wipe-confirmation"_s);
        click(window, item(window, u"wipeConfirm"_s));
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 2, WindowMs);

        QQuickWindow *fresh = session.window();
        QVERIFY(fresh && fresh != window);
        const QString newId = session.runtime()->node().peerIdHex();
        QVERIFY(newId != oldId);
        // The settings went too: the new window asks for a nickname like a first start.
        QTRY_VERIFY(object(fresh, u"nicknameDialog"_s)->property("opened").toBool());
        QVERIFY(QSettings().value(u"nickname"_s).toString().isEmpty());
        MessageStore history;
        QVERIFY(history.open(dataDir.filePath(u"history.sqlite"_s)));
        QCOMPARE(history.count(), 0);
        QVERIFY(!readAll(dataDir.filePath(u"identity.json"_s)).isEmpty());
    }
};

QTEST_MAIN(GuiSessionTest)
#include "GuiSessionTest.moc"
