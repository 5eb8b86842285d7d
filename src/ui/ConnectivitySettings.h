// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

/**
 * How this node reaches others, as the settings dialog edits it: Bluetooth on or off, LAN
 * discovery and its interface, manual ws:// peers. Persisted in QSettings. The app applies it
 * (applied() tells it to); the dialog only edits. Created by the app, one per process.
 */
class ConnectivitySettings : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ConnectivitySettings is created by the application.")
    Q_PROPERTY(bool bluetoothEnabled READ bluetoothEnabled WRITE setBluetoothEnabled NOTIFY changed)
    Q_PROPERTY(bool lanDiscoveryEnabled READ lanDiscoveryEnabled WRITE setLanDiscoveryEnabled NOTIFY
                   changed)
    Q_PROPERTY(QString lanInterface READ lanInterface WRITE setLanInterface NOTIFY changed)
    Q_PROPERTY(QStringList manualPeers READ manualPeers WRITE setManualPeers NOTIFY changed)
public:
    explicit ConnectivitySettings(QObject *parent = nullptr);

    /** Reads the saved values (QSettings group "connectivity"). */
    void load();

    bool bluetoothEnabled() const { return m_bluetoothEnabled; }
    void setBluetoothEnabled(bool enabled);
    bool lanDiscoveryEnabled() const { return m_lanDiscoveryEnabled; }
    void setLanDiscoveryEnabled(bool enabled);
    QString lanInterface() const { return m_lanInterface; }
    void setLanInterface(const QString &name);
    QStringList manualPeers() const { return m_manualPeers; }
    /** Keeps only well-formed ws:// and wss:// URLs, without duplicates. */
    void setManualPeers(const QStringList &peers);

    /** Saves the values and asks the app to apply them. */
    Q_INVOKABLE void apply();

Q_SIGNALS:
    void changed();
    void applied();

private:
    bool m_bluetoothEnabled = true;
    bool m_lanDiscoveryEnabled = false;
    QString m_lanInterface;
    QStringList m_manualPeers;
};
