// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

#include "TransportState.h"

/**
 * What the BLE transport's two roles and the adapter report, and what the status bar makes of
 * it: one TransportState and one line of text. A plain value; BleTransport fills it in and
 * compares it to notice changes.
 *
 * The rules: no adapter (or no BlueZ, no system bus) is Unavailable, "no Bluetooth adapter";
 * an adapter powered off is Off, "Bluetooth off"; scanning and advertising is Running; scanning
 * while the peripheral failed is NeedsPermission when the process lacks the capabilities Qt 6.4
 * needs (the text is the setcap command that grants them), otherwise Partial; a failed scanner
 * with a working peripheral is Partial too; neither role working is Failed.
 */
class BleStatus
{
    Q_DECLARE_TR_FUNCTIONS(BleStatus)
public:
    enum class Adapter
    {
        NotStarted,
        Missing,
        PoweredOff,
        PoweredOn,
    };
    enum class Peripheral
    {
        Disabled, ///< the peripheral role is switched off in the options
        Starting,
        Working, ///< advertising or serving a central
        Failed,
    };

    Adapter adapter = Adapter::NotStarted;
    bool scanning = false;
    /** Why scanning stopped, if it failed. */
    QString centralError;
    Peripheral peripheral = Peripheral::Starting;
    QString peripheralError;
    /** The process lacks CAP_NET_ADMIN/CAP_NET_RAW (only meaningful with Peripheral::Failed). */
    bool peripheralNeedsPrivilege = false;
    /** The binary the setcap hint names. */
    QString binaryPath;

    TransportState state() const;
    QString text() const;

    bool operator==(const BleStatus &) const = default;
};
