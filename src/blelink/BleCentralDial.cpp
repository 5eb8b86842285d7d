// SPDX-License-Identifier: GPL-3.0-or-later
#include "BleCentralDial.h"

#include <QLowEnergyController>
#include <QLowEnergyDescriptor>
#include <QLowEnergyService>

#include "BitchatGattProfile.h"
#include "BleControllerReaper.h"
#include "BleLinkLog.h"
#include "BlueZAttMtu.h"

using namespace Qt::StringLiterals;

BleCentralDial::BleCentralDial(const QBluetoothDeviceInfo &device, const QBluetoothAddress &adapter,
                               Clock &clock, Options options, QObject *keeper, QObject *parent)
    : QObject(parent)
    , m_device(device)
    , m_adapter(adapter)
    , m_clock(clock)
    , m_options(options)
    , m_keeper(keeper)
{
    m_controller = QLowEnergyController::createCentral(m_device, m_adapter, this);
}

BleCentralDial::~BleCentralDial()
{
    m_clock.cancel(m_timeout);
    if (!m_done && m_controller) // abandoned half-way: still let BlueZ drop the connection
        BleControllerReaper::retire(m_controller, m_keeper, m_clock);
}

QLowEnergyController *BleCentralDial::controller() const
{
    return m_controller;
}

void BleCentralDial::start()
{
    // Qt reports some failures (device unknown to BlueZ, adapter off) from inside
    // connectToDevice(): start on the next turn of the event loop so failed() is never inline.
    m_timeout =
        m_clock.callAfter(m_options.setupTimeoutMs, this, [this] { fail(u"setup timeout"_s); });
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_done || !m_controller)
                return;
            QLowEnergyController *controller = m_controller;
            connect(controller, &QLowEnergyController::connected, this,
                    [controller] { controller->discoverServices(); });
            connect(controller, &QLowEnergyController::discoveryFinished, this,
                    &BleCentralDial::handleServicesDiscovered);
            connect(controller, &QLowEnergyController::errorOccurred, this,
                    [this] { fail(m_controller ? m_controller->errorString() : QString()); });
            connect(controller, &QLowEnergyController::disconnected, this,
                    [this] { fail(u"disconnected during setup"_s); });
            qCDebug(lcBle) << "connecting to" << address();
            controller->connectToDevice();
        },
        Qt::QueuedConnection);
}

void BleCentralDial::handleServicesDiscovered()
{
    if (m_done)
        return;
    m_service = m_controller->createServiceObject(BitchatGattProfile::serviceUuid(), this);
    if (!m_service) {
        fail(u"no bitchat service"_s);
        return;
    }
    connect(m_service, &QLowEnergyService::stateChanged, this, &BleCentralDial::handleServiceState);
    connect(m_service, &QLowEnergyService::errorOccurred, this,
            [this](QLowEnergyService::ServiceError error) {
                fail(u"service error %1"_s.arg(int(error)));
            });
    connect(
        m_service, &QLowEnergyService::descriptorWritten, this,
        [this](const QLowEnergyDescriptor &descriptor) {
            if (descriptor.uuid() ==
                QBluetoothUuid(QBluetoothUuid::DescriptorType::ClientCharacteristicConfiguration))
                subscribed();
        });
    m_service->discoverDetails();
}

void BleCentralDial::handleServiceState()
{
    if (m_done || m_service->state() != QLowEnergyService::RemoteServiceDiscovered)
        return;
    const QLowEnergyCharacteristic characteristic =
        m_service->characteristic(BitchatGattProfile::characteristicUuid());
    if (!characteristic.isValid()) {
        fail(u"no bitchat characteristic"_s);
        return;
    }
    const QLowEnergyDescriptor cccd = characteristic.clientCharacteristicConfiguration();
    if (!cccd.isValid() || !(characteristic.properties() & QLowEnergyCharacteristic::Notify)) {
        fail(u"characteristic cannot notify"_s);
        return;
    }
    // On BlueZ this becomes GattCharacteristic1.StartNotify.
    m_service->writeDescriptor(cccd, QLowEnergyCharacteristic::CCCDEnableNotification);
}

void BleCentralDial::subscribed()
{
    if (m_done)
        return;
    m_done = true;
    m_clock.cancel(m_timeout);
    m_timeout = 0;
    disconnect(m_controller, nullptr, this, nullptr);
    disconnect(m_service, nullptr, this, nullptr);
    const QLowEnergyCharacteristic characteristic =
        m_service->characteristic(BitchatGattProfile::characteristicUuid());
    const std::optional<int> attMtu =
        BlueZAttMtu::query(m_device.address(), BitchatGattProfile::characteristicUuid());
    auto *link = new BleCentralLink(m_controller, m_service, characteristic, attMtu, m_clock,
                                    m_options.link, m_keeper);
    m_controller = nullptr;
    m_service = nullptr;
    qCDebug(lcBle) << "link" << link->id() << "to" << link->remoteAddress() << "subscribed; ATT MTU"
                   << (attMtu ? QString::number(*attMtu) : u"unknown"_s);
    Q_EMIT ready(link);
}

void BleCentralDial::fail(const QString &reason)
{
    if (m_done)
        return;
    m_done = true;
    m_clock.cancel(m_timeout);
    m_timeout = 0;
    if (m_controller) {
        disconnect(m_controller, nullptr, this, nullptr);
        BleControllerReaper::retire(m_controller, m_keeper, m_clock);
    }
    qCDebug(lcBle) << "dial to" << address() << "failed:" << reason;
    Q_EMIT failed(reason);
}
