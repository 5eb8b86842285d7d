// SPDX-License-Identifier: GPL-3.0-or-later
#include "FakeGattServer.h"

#include "BitchatGattProfile.h"
#include "Clock.h"

using namespace Qt::StringLiterals;

FakeGattServer::FakeGattServer(Clock *clock, Failure failure, QObject *parent)
    : GattServer(parent)
    , m_clock(clock)
    , m_failure(failure)
{
    if (failure == Failure::AtCreation) {
        m_failed = true;
        m_errorString = u"cannot open the adapter's HCI socket"_s;
    }
}

bool FakeGattServer::addService(const QLowEnergyServiceData &service)
{
    if (m_failed)
        return false;
    services.append(service);
    m_published = true;
    return true;
}

void FakeGattServer::startAdvertising(const QLowEnergyAdvertisingParameters &parameters,
                                      const QLowEnergyAdvertisingData &advertising,
                                      const QLowEnergyAdvertisingData &scanResponse)
{
    if (m_failed)
        return;
    advertisements.append({parameters, advertising, scanResponse});
    if (m_failure == Failure::WhenAdvertising) {
        fail(u"Error occurred trying to start advertising"_s);
        return;
    }
    m_advertising = true;
}

void FakeGattServer::stopAdvertising()
{
    ++stopAdvertisingCalls;
    m_advertising = false;
}

bool FakeGattServer::notify(const QBluetoothUuid &characteristic, const QByteArray &value)
{
    if (!m_published || characteristic != BitchatGattProfile::characteristicUuid())
        return false;
    notifications.append({m_clock ? m_clock->monotonicMs() : 0, characteristic,
                          value.left(m_mtu - BitchatGattProfile::AttHeaderSize)});
    return true;
}

void FakeGattServer::disconnectCentral()
{
    ++disconnectCalls;
    dropCentral();
}

void FakeGattServer::connectCentral(const QString &address, int attMtu)
{
    m_central = address;
    m_mtu = attMtu;
    m_advertising = false; // a connectable advertisement ends with the connection
    Q_EMIT centralConnected();
}

void FakeGattServer::write(const QByteArray &value)
{
    Q_EMIT characteristicWritten(BitchatGattProfile::characteristicUuid(), value);
}

void FakeGattServer::subscribe(bool enabled)
{
    Q_EMIT notificationsChanged(BitchatGattProfile::characteristicUuid(), enabled);
}

void FakeGattServer::dropCentral()
{
    if (m_central.isEmpty())
        return;
    m_central.clear();
    m_mtu = 23;
    m_published = false; // Qt forgets the service with the central
    Q_EMIT centralDisconnected();
}

void FakeGattServer::fail(const QString &reason)
{
    m_failed = true;
    m_errorString = reason;
    Q_EMIT failed(reason);
}
