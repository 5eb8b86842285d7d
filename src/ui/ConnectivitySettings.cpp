// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConnectivitySettings.h"

#include <QSettings>
#include <QUrl>

namespace {
const QString Group = QStringLiteral("connectivity");
}

ConnectivitySettings::ConnectivitySettings(QObject *parent)
    : QObject(parent)
{}

void ConnectivitySettings::load()
{
    QSettings settings;
    settings.beginGroup(Group);
    m_bluetoothEnabled = settings.value(QStringLiteral("bluetooth"), true).toBool();
    m_lanDiscoveryEnabled = settings.value(QStringLiteral("lanDiscovery"), false).toBool();
    m_lanInterface = settings.value(QStringLiteral("lanInterface")).toString();
    setManualPeers(settings.value(QStringLiteral("manualPeers")).toStringList());
    Q_EMIT changed();
}

void ConnectivitySettings::setBluetoothEnabled(bool enabled)
{
    if (enabled == m_bluetoothEnabled)
        return;
    m_bluetoothEnabled = enabled;
    Q_EMIT changed();
}

void ConnectivitySettings::setLanDiscoveryEnabled(bool enabled)
{
    if (enabled == m_lanDiscoveryEnabled)
        return;
    m_lanDiscoveryEnabled = enabled;
    Q_EMIT changed();
}

void ConnectivitySettings::setLanInterface(const QString &name)
{
    if (name.trimmed() == m_lanInterface)
        return;
    m_lanInterface = name.trimmed();
    Q_EMIT changed();
}

void ConnectivitySettings::setManualPeers(const QStringList &peers)
{
    QStringList valid;
    for (const QString &peer : peers) {
        const QUrl url(peer.trimmed());
        const bool webSocket = url.scheme() == u"ws" || url.scheme() == u"wss";
        if (url.isValid() && webSocket && !url.host().isEmpty() && url.port() > 0 &&
            !valid.contains(url.toString()))
            valid.append(url.toString());
    }
    if (valid == m_manualPeers)
        return;
    m_manualPeers = valid;
    Q_EMIT changed();
}

void ConnectivitySettings::apply()
{
    QSettings settings;
    settings.beginGroup(Group);
    settings.setValue(QStringLiteral("bluetooth"), m_bluetoothEnabled);
    settings.setValue(QStringLiteral("lanDiscovery"), m_lanDiscoveryEnabled);
    settings.setValue(QStringLiteral("lanInterface"), m_lanInterface);
    settings.setValue(QStringLiteral("manualPeers"), m_manualPeers);
    Q_EMIT applied();
}
