// SPDX-License-Identifier: GPL-3.0-or-later
#include "BlePeripheral.h"

#include "BitchatGattProfile.h"
#include "BleLinkLog.h"
#include "BlePeripheralLink.h"
#include "GattServer.h"

BlePeripheral::BlePeripheral(Clock &clock, ServerFactory factory, FramePacer::Policy pacing,
                             QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_factory(std::move(factory))
    , m_pacing(pacing)
{
    Q_ASSERT(m_factory);
}

BlePeripheral::~BlePeripheral()
{
    if (m_server)
        disconnect(m_server.get(), nullptr, this, nullptr);
}

bool BlePeripheral::start()
{
    if (m_server && m_status != Status::Failed)
        return true;
    m_server.reset(); // a failed one is not reused
    m_errorString.clear();
    m_server = m_factory();
    if (!m_server || m_server->hasFailed()) {
        fail(m_server ? m_server->errorString() : tr("no GATT server"));
        return false;
    }
    connect(m_server.get(), &GattServer::centralConnected, this, &BlePeripheral::handleConnected);
    connect(m_server.get(), &GattServer::centralDisconnected, this,
            &BlePeripheral::handleDisconnected);
    connect(m_server.get(), &GattServer::failed, this, &BlePeripheral::fail);
    publish();
    return m_status != Status::Failed;
}

void BlePeripheral::stop(const QString &reason)
{
    if (!m_server) {
        setStatus(Status::Stopped);
        return;
    }
    // Unhook first: the disconnect the link asks for must not publish again.
    std::unique_ptr<GattServer> server = std::move(m_server);
    disconnect(server.get(), nullptr, this, nullptr);
    Q_EMIT stopping(reason);
    server->stopAdvertising();
    server->disconnectCentral();
    server.reset();
    m_errorString.clear();
    setStatus(Status::Stopped);
}

void BlePeripheral::publish()
{
    // spec 02 §1: the service; §4.1: only its UUID on the air.
    if (!m_server->addService(BitchatGattProfile::serviceData())) {
        fail(m_server->errorString());
        return;
    }
    m_server->startAdvertising(BitchatGattProfile::advertisingParameters(),
                               BitchatGattProfile::advertisingData(),
                               BitchatGattProfile::scanResponseData());
    if (m_server->hasFailed()) { // Qt reports a refused advertisement from inside the call
        fail(m_server->errorString());
        return;
    }
    qCDebug(lcBle) << "advertising the bitchat service";
    setStatus(Status::Advertising);
}

void BlePeripheral::handleConnected()
{
    const QString address = m_server->centralAddress();
    auto *link = new BlePeripheralLink(*m_server, address, m_clock, m_pacing, this);
    connect(this, &BlePeripheral::stopping, link, &BlePeripheralLink::close);
    qCDebug(lcBle) << "central" << address << "connected: link" << link->id();
    setStatus(Status::Connected);
    Q_EMIT linkOpened(link);
}

void BlePeripheral::handleDisconnected()
{
    qCDebug(lcBle) << "central disconnected; publishing the service again";
    publish();
}

void BlePeripheral::fail(const QString &reason)
{
    if (m_status == Status::Failed && m_errorString == reason)
        return;
    m_errorString = reason;
    qCDebug(lcBle) << "peripheral role failed:" << reason;
    setStatus(Status::Failed);
}

void BlePeripheral::setStatus(Status status)
{
    if (m_status == status)
        return;
    m_status = status;
    Q_EMIT statusChanged();
}
