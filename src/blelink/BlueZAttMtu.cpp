// SPDX-License-Identifier: GPL-3.0-or-later
#include "BlueZAttMtu.h"

#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QVariantMap>

#include "BleLinkLog.h"

namespace {
constexpr int CallTimeoutMs = 2000;

using Interfaces = QMap<QString, QVariantMap>;

// Walks a{oa{sa{sv}}} by hand: Qt 6.4 Bluetooth registers its own type for it, privately.
QMap<QString, Interfaces> managedObjects(const QDBusArgument &argument)
{
    QMap<QString, Interfaces> objects;
    argument.beginMap();
    while (!argument.atEnd()) {
        QDBusObjectPath path;
        Interfaces interfaces;
        argument.beginMapEntry();
        argument >> path;
        argument.beginMap();
        while (!argument.atEnd()) {
            QString name;
            QVariantMap properties;
            argument.beginMapEntry();
            argument >> name >> properties;
            argument.endMapEntry();
            interfaces.insert(name, properties);
        }
        argument.endMap();
        argument.endMapEntry();
        objects.insert(path.path(), interfaces);
    }
    argument.endMap();
    return objects;
}
} // namespace

std::optional<int> BlueZAttMtu::query(const QBluetoothAddress &device,
                                      const QBluetoothUuid &characteristic)
{
    const QDBusMessage call = QDBusMessage::createMethodCall(
        QStringLiteral("org.bluez"), QStringLiteral("/"),
        QStringLiteral("org.freedesktop.DBus.ObjectManager"), QStringLiteral("GetManagedObjects"));
    const QDBusMessage reply = QDBusConnection::systemBus().call(call, QDBus::Block, CallTimeoutMs);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty()) {
        qCDebug(lcBle) << "cannot read the ATT MTU:" << reply.errorMessage();
        return std::nullopt;
    }
    const QMap<QString, Interfaces> objects =
        managedObjects(reply.arguments().constFirst().value<QDBusArgument>());

    QString devicePath;
    for (auto it = objects.cbegin(); it != objects.cend(); ++it) {
        const QVariantMap properties = it->value(QStringLiteral("org.bluez.Device1"));
        if (QBluetoothAddress(properties.value(QStringLiteral("Address")).toString()) == device) {
            devicePath = it.key();
            break;
        }
    }
    if (devicePath.isEmpty())
        return std::nullopt;
    for (auto it = objects.cbegin(); it != objects.cend(); ++it) {
        if (!it.key().startsWith(devicePath + u'/'))
            continue;
        const QVariantMap properties = it->value(QStringLiteral("org.bluez.GattCharacteristic1"));
        if (QBluetoothUuid(properties.value(QStringLiteral("UUID")).toString()) != characteristic)
            continue;
        bool ok = false;
        const int mtu = properties.value(QStringLiteral("MTU")).toInt(&ok);
        if (ok && mtu >= 23)
            return mtu;
    }
    return std::nullopt;
}
