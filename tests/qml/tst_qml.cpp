// SPDX-License-Identifier: GPL-3.0-or-later
// Runs the Qt Quick Test files (tst_*.qml) of this folder against the window's components in
// qml/. The Meshcast.Ui C++ types are replaced by the QML stand-ins in imports/Meshcast/Ui
// (passed with -import by ctest), so the suite needs neither the node nor a display.
#include <QtCore/QCoreApplication>
#include <QtCore/QObject>
#include <QtCore/QSettings>
#include <QtCore/QTemporaryDir>
#include <QtQuickTest/quicktest.h>

/// Gives Qt.labs.settings an application identity and a settings folder of its own that is
/// removed after the run, so every run starts as a first run and parallel runs do not meet.
class QmlTestSetup : public QObject
{
    Q_OBJECT

public slots:
    void applicationAvailable()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("Meshcast"));
        QCoreApplication::setApplicationName(QStringLiteral("meshcast-qml-test"));
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    }

private:
    QTemporaryDir m_settingsDir;
};

QUICK_TEST_MAIN_WITH_SETUP(meshcast_qml, QmlTestSetup)

#include "tst_qml.moc"
