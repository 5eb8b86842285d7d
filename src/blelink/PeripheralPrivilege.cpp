// SPDX-License-Identifier: GPL-3.0-or-later
#include "PeripheralPrivilege.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

namespace {
// linux/capability.h
constexpr int CapNetAdmin = 12;
constexpr int CapNetRaw = 13;
} // namespace

bool PeripheralPrivilege::processHasCapabilities()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return false;
    return statusHasCapabilities(status.readAll());
}

bool PeripheralPrivilege::statusHasCapabilities(const QByteArray &procStatus)
{
    const QList<QByteArray> lines = procStatus.split('\n');
    for (const QByteArray &line : lines) {
        if (!line.startsWith("CapEff:"))
            continue;
        bool ok = false;
        const quint64 effective = line.mid(7).trimmed().toULongLong(&ok, 16);
        const quint64 needed = (quint64(1) << CapNetAdmin) | (quint64(1) << CapNetRaw);
        return ok && (effective & needed) == needed;
    }
    return false;
}

QString PeripheralPrivilege::setcapCommand(const QString &binaryPath)
{
    return QStringLiteral("sudo setcap 'cap_net_raw,cap_net_admin+eip' %1").arg(binaryPath);
}

QString PeripheralPrivilege::currentBinaryPath()
{
    const QString path = QCoreApplication::applicationFilePath();
    const QString canonical = QFileInfo(path).canonicalFilePath();
    return canonical.isEmpty() ? path : canonical;
}
