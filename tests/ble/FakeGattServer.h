// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>

#include "GattServer.h"

class Clock;

/**
 * A GattServer in memory for tests: records every service published, every advertisement
 * started and every notification (with the Clock time it was sent at), and lets the test play
 * the central (connect, write, subscribe, disconnect) or the stack (fail at creation or when
 * advertising, as Qt 6.4 does without CAP_NET_ADMIN/CAP_NET_RAW). Like Qt, it forgets the
 * published service when the central disconnects, and cuts notifications to attMtu() − 3.
 */
class FakeGattServer final : public GattServer
{
    Q_OBJECT
public:
    struct Advertisement
    {
        QLowEnergyAdvertisingParameters parameters;
        QLowEnergyAdvertisingData data;
        QLowEnergyAdvertisingData scanResponse;
    };
    struct Notification
    {
        qint64 atMs;
        QBluetoothUuid characteristic;
        QByteArray value;
    };
    enum class Failure
    {
        None,
        AtCreation,
        WhenAdvertising,
    };

    explicit FakeGattServer(Clock *clock = nullptr, Failure failure = Failure::None,
                            QObject *parent = nullptr);

    bool addService(const QLowEnergyServiceData &service) override;
    void startAdvertising(const QLowEnergyAdvertisingParameters &parameters,
                          const QLowEnergyAdvertisingData &advertising,
                          const QLowEnergyAdvertisingData &scanResponse) override;
    void stopAdvertising() override;
    bool notify(const QBluetoothUuid &characteristic, const QByteArray &value) override;
    void disconnectCentral() override;
    int attMtu() const override { return m_mtu; }
    QString centralAddress() const override { return m_central; }
    bool hasFailed() const override { return m_failed; }
    QString errorString() const override { return m_errorString; }

    // The test as the central.
    void connectCentral(const QString &address, int attMtu = 23);
    void write(const QByteArray &value);
    void subscribe(bool enabled);
    /** The central goes away (link loss), as opposed to us dropping it. */
    void dropCentral();

    QList<QLowEnergyServiceData> services;
    QList<Advertisement> advertisements;
    QList<Notification> notifications;
    int stopAdvertisingCalls = 0;
    int disconnectCalls = 0;
    bool isPublished() const { return m_published; }
    bool isAdvertising() const { return m_advertising; }

private:
    void fail(const QString &reason);

    Clock *m_clock;
    const Failure m_failure;
    QString m_central;
    int m_mtu = 23;
    bool m_published = false;
    bool m_advertising = false;
    bool m_failed = false;
    QString m_errorString;
};
