// SPDX-License-Identifier: GPL-3.0-or-later
#include "BleStatus.h"

#include "PeripheralPrivilege.h"

TransportState BleStatus::state() const
{
    switch (adapter) {
    case Adapter::NotStarted:
        return TransportState::Off;
    case Adapter::Missing:
        return TransportState::Unavailable;
    case Adapter::PoweredOff:
        return TransportState::Off;
    case Adapter::PoweredOn:
        break;
    }
    const bool peripheralWorks = peripheral == Peripheral::Working;
    if (!scanning) {
        if (centralError.isEmpty())
            return TransportState::Starting;
        return peripheralWorks ? TransportState::Partial : TransportState::Failed;
    }
    switch (peripheral) {
    case Peripheral::Disabled:
    case Peripheral::Working:
        return TransportState::Running;
    case Peripheral::Starting:
        return TransportState::Starting;
    case Peripheral::Failed:
        return peripheralNeedsPrivilege ? TransportState::NeedsPermission : TransportState::Partial;
    }
    return TransportState::Failed;
}

QString BleStatus::text() const
{
    switch (state()) {
    case TransportState::Off:
        return adapter == Adapter::NotStarted ? tr("Bluetooth not started") : tr("Bluetooth off");
    case TransportState::Unavailable:
        return tr("no Bluetooth adapter");
    case TransportState::Starting:
        return tr("Bluetooth starting");
    case TransportState::Running:
        return peripheral == Peripheral::Disabled ? tr("Bluetooth: scanning")
                                                  : tr("Bluetooth: scanning and advertising");
    case TransportState::NeedsPermission:
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
        return tr("Bluetooth: scanning only. To advertise, use BlueZ 5.56 or later, or run: %1")
            .arg(PeripheralPrivilege::setcapCommand(binaryPath));
#else
        return tr("Bluetooth: scanning only. To advertise, run: %1")
            .arg(PeripheralPrivilege::setcapCommand(binaryPath));
#endif
    case TransportState::Partial:
        if (!scanning)
            return tr("Bluetooth: advertising only (scanning failed: %1)").arg(centralError);
        return tr("Bluetooth: scanning only (advertising failed: %1)").arg(peripheralError);
    case TransportState::Failed:
        return tr("Bluetooth failed: %1").arg(centralError);
    }
    return {};
}
