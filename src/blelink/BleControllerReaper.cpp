// SPDX-License-Identifier: GPL-3.0-or-later
#include "BleControllerReaper.h"

#include <QLowEnergyController>

#include "Clock.h"

void BleControllerReaper::retire(QLowEnergyController *controller, QObject *keeper, Clock &clock,
                                 qint64 graceMs)
{
    if (!controller)
        return;
    controller->setParent(keeper);
    if (controller->state() == QLowEnergyController::UnconnectedState) {
        controller->deleteLater();
        return;
    }
    QObject::connect(controller, &QLowEnergyController::stateChanged, controller,
                     [controller](QLowEnergyController::ControllerState state) {
                         if (state == QLowEnergyController::UnconnectedState)
                             controller->deleteLater();
                     });
    clock.callAfter(graceMs, controller, [controller] { controller->deleteLater(); });
    if (controller->state() != QLowEnergyController::ClosingState)
        controller->disconnectFromDevice();
}
