// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/** Where a LinkTransport stands, as the status bar shows it. */
enum class TransportState
{
    Off,             ///< not started, or turned off by the user
    Unavailable,     ///< the medium is missing (no Bluetooth adapter, no system bus)
    Starting,        ///< coming up
    Running,         ///< accepting and opening links
    Partial,         ///< running with one role missing (e.g. BLE central without peripheral)
    NeedsPermission, ///< the OS refuses a privilege; statusText() says how to grant it
    Failed,          ///< an error stopped it; statusText() says which
};
