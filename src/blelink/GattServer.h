// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QBluetoothUuid>
#include <QByteArray>
#include <QLowEnergyAdvertisingData>
#include <QLowEnergyAdvertisingParameters>
#include <QLowEnergyServiceData>
#include <QObject>
#include <QString>

/**
 * The seam in front of the platform's GATT server (the peripheral role): publish one service,
 * advertise, learn what a connected central writes and whether it subscribed, notify it. The
 * production implementation is QtGattServer over QLowEnergyController; tests use a fake that
 * records every call. Everything above it (BlePeripheral, BlePeripheralLink) is platform-free.
 *
 * A server serves at most one central at a time (that is what Qt 6.4's BlueZ backend can do).
 * The platform forgets published services when that central disconnects: the user of the seam
 * publishes again (addService, startAdvertising) after every centralDisconnected().
 */
class GattServer : public QObject
{
    Q_OBJECT
public:
    ~GattServer() override;

    /** Publishes @p service, replacing what was published before; false if the stack refused. */
    virtual bool addService(const QLowEnergyServiceData &service) = 0;
    virtual void startAdvertising(const QLowEnergyAdvertisingParameters &parameters,
                                  const QLowEnergyAdvertisingData &advertising,
                                  const QLowEnergyAdvertisingData &scanResponse) = 0;
    virtual void stopAdvertising() = 0;
    /**
     * Sets @p characteristic's value to @p value, which the stack sends as one notification to a
     * subscribed central, cut to attMtu() - 3 bytes: callers size values first. False when there
     * is no such characteristic (nothing published).
     */
    virtual bool notify(const QBluetoothUuid &characteristic, const QByteArray &value) = 0;
    /** Drops the connected central, if any. */
    virtual void disconnectCentral() = 0;

    /** The ATT MTU of the current connection, bytes; 23 until the central exchanged one. */
    virtual int attMtu() const = 0;
    /** The connected central's address ("AA:BB:…"), or "" when none is connected. */
    virtual QString centralAddress() const = 0;
    /** True once the server failed for good (see errorString()); nothing works after that. */
    virtual bool hasFailed() const = 0;
    virtual QString errorString() const = 0;

Q_SIGNALS:
    void centralConnected();
    void centralDisconnected();
    /** The central wrote @p value (a whole value: long writes arrive assembled). */
    void characteristicWritten(const QBluetoothUuid &characteristic, const QByteArray &value);
    /** The central turned notifications of @p characteristic on or off through its CCCD. */
    void notificationsChanged(const QBluetoothUuid &characteristic, bool enabled);
    /** The server failed; hasFailed() is now true. */
    void failed(const QString &reason);

protected:
    explicit GattServer(QObject *parent = nullptr);
};
