// SPDX-License-Identifier: GPL-3.0-or-later
#include "QtGattServer.h"

#include <QLowEnergyController>
#include <QLowEnergyDescriptor>
#include <QLowEnergyService>

#include "BleLinkLog.h"

QtGattServer::QtGattServer(const QBluetoothAddress &adapter, QObject *parent)
    : GattServer(parent)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0) && QT_VERSION < QT_VERSION_CHECK(6, 7, 0)
    // Opt in to BlueZ's D-Bus GATT server: no CAP_NET_ADMIN/CAP_NET_RAW needed, and centrals
    // are served side by side. Qt still falls back to the kernel sockets below BlueZ 5.56.
    if (!qEnvironmentVariableIsSet("QT_BLUETOOTH_USE_DBUS_PERIPHERAL"))
        qputenv("QT_BLUETOOTH_USE_DBUS_PERIPHERAL", "1");
#endif
    m_controller = QLowEnergyController::createPeripheral(adapter, this);
    // Qt reports a missing HCI socket (no kernel Bluetooth, or no CAP_NET_RAW) while creating
    // the controller, before anyone could listen to errorOccurred.
    if (m_controller->error() != QLowEnergyController::NoError) {
        m_failed = true;
        // Qt calls it "Cannot find local adapter" even when BlueZ lists the adapter.
        m_errorString = m_controller->error() == QLowEnergyController::InvalidBluetoothAdapterError
                            ? tr("cannot open the adapter's HCI socket")
                            : m_controller->errorString();
    }
    connect(m_controller, &QLowEnergyController::errorOccurred, this, &QtGattServer::handleError);
    // Qt 6.4's kernel backend emits connected(); the D-Bus backend of Qt 6.5 and later only
    // moves to ConnectedState. Either is the start of a connection, reported once.
    const auto connectedNow = [this] {
        if (m_connected)
            return;
        m_connected = true;
        Q_EMIT centralConnected();
    };
    connect(m_controller, &QLowEnergyController::connected, this, connectedNow);
    connect(m_controller, &QLowEnergyController::stateChanged, this,
            [connectedNow](QLowEnergyController::ControllerState state) {
                if (state == QLowEnergyController::ConnectedState)
                    connectedNow();
            });
    connect(m_controller, &QLowEnergyController::disconnected, this, [this] {
        if (!m_connected)
            return;
        m_connected = false;
        Q_EMIT centralDisconnected();
    });
}

QtGattServer::~QtGattServer()
{
    // The service object must not outlive the controller it was made by.
    m_service.reset();
}

bool QtGattServer::addService(const QLowEnergyServiceData &service)
{
    if (m_failed)
        return false;
    m_service.reset(m_controller->addService(service));
    if (!m_service) {
        fail(tr("the Bluetooth stack refused the GATT service"));
        return false;
    }
    watchService();
    return true;
}

void QtGattServer::watchService()
{
    QLowEnergyService *service = m_service.get();
    connect(service, &QLowEnergyService::characteristicChanged, this,
            [this](const QLowEnergyCharacteristic &characteristic, const QByteArray &value) {
                Q_EMIT characteristicWritten(characteristic.uuid(), value);
            });
    connect(
        service, &QLowEnergyService::descriptorWritten, this,
        [this, service](const QLowEnergyDescriptor &descriptor, const QByteArray &value) {
            if (descriptor.uuid() !=
                QBluetoothUuid(QBluetoothUuid::DescriptorType::ClientCharacteristicConfiguration))
                return;
            // The descriptor does not name its characteristic: find the one that holds it.
            const QList<QLowEnergyCharacteristic> characteristics = service->characteristics();
            for (const QLowEnergyCharacteristic &characteristic : characteristics) {
                if (characteristic.descriptors().contains(descriptor)) {
                    const bool enabled = !value.isEmpty() && (quint8(value.at(0)) & 0x01);
                    Q_EMIT notificationsChanged(characteristic.uuid(), enabled);
                    return;
                }
            }
        });
}

void QtGattServer::startAdvertising(const QLowEnergyAdvertisingParameters &parameters,
                                    const QLowEnergyAdvertisingData &advertising,
                                    const QLowEnergyAdvertisingData &scanResponse)
{
    if (m_failed)
        return;
    m_controller->startAdvertising(parameters, advertising, scanResponse);
}

void QtGattServer::stopAdvertising()
{
    if (!m_failed && m_controller->state() == QLowEnergyController::AdvertisingState)
        m_controller->stopAdvertising();
}

bool QtGattServer::notify(const QBluetoothUuid &characteristic, const QByteArray &value)
{
    if (!m_service)
        return false;
    const QLowEnergyCharacteristic target = m_service->characteristic(characteristic);
    if (!target.isValid())
        return false;
    m_service->writeCharacteristic(target, value);
    return true;
}

void QtGattServer::disconnectCentral()
{
    if (m_connected)
        m_controller->disconnectFromDevice();
}

int QtGattServer::attMtu() const
{
    const int mtu = m_controller->mtu();
    return mtu > 0 ? mtu : 23;
}

QString QtGattServer::centralAddress() const
{
    return m_connected ? m_controller->remoteAddress().toString() : QString();
}

void QtGattServer::handleError()
{
    const QLowEnergyController::Error error = m_controller->error();
    switch (error) {
    case QLowEnergyController::AdvertisingError:
    case QLowEnergyController::InvalidBluetoothAdapterError:
    case QLowEnergyController::MissingPermissionsError:
        fail(m_controller->errorString());
        return;
    default:
        // Connection-level errors: the disconnect that follows is what matters.
        qCDebug(lcBle) << "GATT server:" << error << m_controller->errorString();
        return;
    }
}

void QtGattServer::fail(const QString &reason)
{
    if (m_failed)
        return;
    m_failed = true;
    m_errorString = reason;
    Q_EMIT failed(reason);
}
