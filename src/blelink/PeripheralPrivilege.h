// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/**
 * Whether this process may run Qt 6.4's peripheral on Linux, which opens raw HCI and ATT
 * sockets and so needs CAP_NET_ADMIN and CAP_NET_RAW (or root), and the one command that
 * grants them to the binary. Stateless; reads /proc/self/status.
 */
class PeripheralPrivilege
{
public:
    /** True when the effective capability set holds both CAP_NET_ADMIN and CAP_NET_RAW. */
    static bool processHasCapabilities();
    /** The same test on a /proc/<pid>/status text (for tests). */
    static bool statusHasCapabilities(const QByteArray &procStatus);
    /** `sudo setcap 'cap_net_raw,cap_net_admin+eip' <binary>`, with the binary's real path. */
    static QString setcapCommand(const QString &binaryPath);
    /** The running binary, symlinks resolved (setcap refuses a symlink). */
    static QString currentBinaryPath();
};
