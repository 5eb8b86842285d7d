// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QBluetoothAddress>
#include <QPointer>

#include "GattServer.h"

class QLowEnergyController;
class QLowEnergyService;

/**
 * GattServer over Qt's peripheral QLowEnergyController on one local adapter.
 *
 * Which backend Qt picks decides the privileges needed (docs/BLUETOOTH.md): Qt 6.4 on Linux
 * always uses the kernel ATT/HCI sockets, which need CAP_NET_ADMIN and CAP_NET_RAW; Qt 6.5 and
 * 6.6 use BlueZ's D-Bus GATT server (BlueZ ≥ 5.56, no privileges) when the environment variable
 * QT_BLUETOOTH_USE_DBUS_PERIPHERAL is set, which this class sets unless the user did; Qt 6.7
 * makes that the default. The D-Bus backend reports all its centrals as one connection (from
 * the first one in to the last one out), so there one "central" may be several phones. A failure
 * when the controller is created (no HCI socket) or when it starts advertising makes the server
 * fail for good: hasFailed(), failed().
 *
 * Owns the controller and the published service object (replaced on every addService()).
 */
class QtGattServer final : public GattServer
{
    Q_OBJECT
public:
    explicit QtGattServer(const QBluetoothAddress &adapter, QObject *parent = nullptr);
    ~QtGattServer() override;

    bool addService(const QLowEnergyServiceData &service) override;
    void startAdvertising(const QLowEnergyAdvertisingParameters &parameters,
                          const QLowEnergyAdvertisingData &advertising,
                          const QLowEnergyAdvertisingData &scanResponse) override;
    void stopAdvertising() override;
    bool notify(const QBluetoothUuid &characteristic, const QByteArray &value) override;
    void disconnectCentral() override;

    int attMtu() const override;
    QString centralAddress() const override;
    bool hasFailed() const override { return m_failed; }
    QString errorString() const override { return m_errorString; }

private:
    void handleError();
    void fail(const QString &reason);
    void watchService();

    QLowEnergyController *m_controller = nullptr; // child
    std::unique_ptr<QLowEnergyService> m_service;
    bool m_connected = false;
    bool m_failed = false;
    QString m_errorString;
};
