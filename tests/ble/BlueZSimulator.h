// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDBusConnection>
#include <QList>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

/**
 * A simulated BlueZ for tests: a private dbus-daemon (standing in for the system bus; its
 * address is what the code under test gets as DBUS_SYSTEM_BUS_ADDRESS) and python-dbusmock
 * serving org.bluez on it from the template bitchat_bluez.py. The methods drive the template's
 * org.bluez.Mock controls over a D-Bus connection of the simulator's own.
 *
 * Owns both processes (ends them when destroyed) and a temporary directory with the mock's call
 * log. Every wait is bounded.
 */
class BlueZSimulator : public QObject
{
    Q_OBJECT
public:
    struct Write
    {
        QByteArray value;
        QString type; ///< "command" (without response) or "request" (with response)
    };

    /** The BlueZ version the node is told it talks to (there is no bluetoothd to ask). */
    static constexpr const char *BlueZVersion = "5.66.0";

    explicit BlueZSimulator(QObject *parent = nullptr);
    ~BlueZSimulator() override;

    /** Starts the bus; with @p withBlueZ also the mock, waiting until org.bluez is served. */
    bool start(bool withBlueZ = true, QString *error = nullptr);
    QString busAddress() const { return m_address; }
    /** The environment a node under test needs: the bus as system bus, the BlueZ version. */
    QProcessEnvironment nodeEnvironment() const;
    /** The mock's log of every D-Bus call it served (for failure messages). */
    QString mockLog() const;

    QString addAdapter(const QString &name);
    void removeAdapter(const QString &name);
    /** A bitchat peripheral in range; returns its object path. */
    QString addBitchatDevice(const QString &adapter, const QString &address, int rssi, int attMtu);
    /** BlueZ forgets @p device (Adapter1.RemoveDevice). */
    void removeDevice(const QString &adapter, const QString &device);
    void setRssi(const QString &device, int rssi);
    /** The peripheral notifies @p value; false if nobody subscribed. */
    bool notify(const QString &device, const QByteArray &value);
    QList<Write> writes(const QString &device);
    int connectCount(const QString &device);
    int connectAttempts(const QString &device);
    bool isNotifying(const QString &device);
    bool isConnected(const QString &device);
    void dropConnection(const QString &device);
    void setConnectable(const QString &device, bool connectable);
    void setPowered(const QString &adapter, bool powered);
    int discoveryCount(const QString &adapter);

private:
    QDBusMessage call(const QString &method, const QVariantList &arguments);

    QTemporaryDir m_dir;
    QString m_address;
    QProcess m_daemon;
    QProcess m_mock;
    QDBusConnection m_bus{QString()};
};
