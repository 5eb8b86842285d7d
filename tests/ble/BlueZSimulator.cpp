// SPDX-License-Identifier: GPL-3.0-or-later
#include "BlueZSimulator.h"

#include <QDBusArgument>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusVariant>
#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
constexpr int StartTimeoutMs = 15'000;
const QString MockInterface = u"org.bluez.Mock"_s;
const QString ConnectionName = u"meshcast-bluez-simulator"_s;
} // namespace

BlueZSimulator::BlueZSimulator(QObject *parent)
    : QObject(parent)
{}

BlueZSimulator::~BlueZSimulator()
{
    if (m_mock.state() != QProcess::NotRunning) {
        m_mock.terminate();
        if (!m_mock.waitForFinished(3000)) {
            m_mock.kill();
            m_mock.waitForFinished(3000);
        }
    }
    QDBusConnection::disconnectFromBus(ConnectionName);
    if (m_daemon.state() != QProcess::NotRunning) {
        m_daemon.terminate();
        if (!m_daemon.waitForFinished(3000)) {
            m_daemon.kill();
            m_daemon.waitForFinished(3000);
        }
    }
}

bool BlueZSimulator::start(bool withBlueZ, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (!m_dir.isValid())
        return fail(u"no temporary directory"_s);

    // Not forked: the daemon stays our child, so it ends with this object whatever happens.
    m_daemon.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_daemon.start(u"dbus-daemon"_s,
                   {u"--session"_s, u"--nofork"_s, u"--nopidfile"_s, u"--print-address=1"_s});
    if (!m_daemon.waitForStarted(StartTimeoutMs))
        return fail(u"dbus-daemon did not start"_s);
    if (!QTest::qWaitFor(
            [this] { return m_daemon.canReadLine() || m_daemon.state() == QProcess::NotRunning; },
            StartTimeoutMs) ||
        !m_daemon.canReadLine())
        return fail(u"dbus-daemon printed no address"_s);
    m_address = QString::fromUtf8(m_daemon.readLine().trimmed());

    m_bus = QDBusConnection::connectToBus(m_address, ConnectionName);
    if (!m_bus.isConnected())
        return fail(u"cannot connect to the private bus: "_s + m_bus.lastError().message());
    if (!withBlueZ)
        return true;

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"DBUS_SYSTEM_BUS_ADDRESS"_s, m_address);
    m_mock.setProcessEnvironment(environment);
    m_mock.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_mock.setStandardOutputFile(QProcess::nullDevice());
    m_mock.start(u"/usr/bin/python3"_s,
                 {u"-m"_s, u"dbusmock"_s, u"--system"_s, u"--template"_s,
                  QStringLiteral(MESHCAST_BLUEZ_TEMPLATE), u"-l"_s, m_dir.filePath(u"mock.log"_s)});
    if (!m_mock.waitForStarted(StartTimeoutMs))
        return fail(u"python3 -m dbusmock did not start"_s);
    const bool served = QTest::qWaitFor(
        [this] {
            return m_mock.state() == QProcess::NotRunning ||
                   m_bus.interface()->isServiceRegistered(u"org.bluez"_s).value();
        },
        StartTimeoutMs);
    if (!served || m_mock.state() == QProcess::NotRunning)
        return fail(u"dbusmock did not serve org.bluez"_s);
    return true;
}

QProcessEnvironment BlueZSimulator::nodeEnvironment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"DBUS_SYSTEM_BUS_ADDRESS"_s, m_address);
    environment.insert(u"BLUETOOTH_FORCE_DBUS_LE_VERSION"_s, QString::fromLatin1(BlueZVersion));
    return environment;
}

QString BlueZSimulator::mockLog() const
{
    QFile log(m_dir.filePath(u"mock.log"_s));
    return log.open(QIODevice::ReadOnly) ? QString::fromUtf8(log.readAll()) : QString();
}

QDBusMessage BlueZSimulator::call(const QString &method, const QVariantList &arguments)
{
    QDBusMessage message =
        QDBusMessage::createMethodCall(u"org.bluez"_s, u"/"_s, MockInterface, method);
    message.setArguments(arguments);
    const QDBusMessage reply = m_bus.call(message, QDBus::Block, 5000);
    if (reply.type() == QDBusMessage::ErrorMessage)
        qWarning("BlueZSimulator: %s failed: %s", qPrintable(method),
                 qPrintable(reply.errorMessage()));
    return reply;
}

QString BlueZSimulator::addAdapter(const QString &name)
{
    const QDBusMessage reply = call(u"AddAdapter"_s, {name, u"meshcast-sim"_s});
    return reply.arguments().value(0).toString();
}

void BlueZSimulator::removeAdapter(const QString &name)
{
    call(u"RemoveAdapterWithDevices"_s, {name});
}

QString BlueZSimulator::addBitchatDevice(const QString &adapter, const QString &address, int rssi,
                                         int attMtu)
{
    const QDBusMessage reply =
        call(u"AddBitchatDevice"_s, {adapter, address, QVariant::fromValue(qint16(rssi)),
                                     QVariant::fromValue(quint16(attMtu))});
    return reply.arguments().value(0).toString();
}

void BlueZSimulator::removeDevice(const QString &adapter, const QString &device)
{
    QDBusMessage message = QDBusMessage::createMethodCall(
        u"org.bluez"_s, u"/org/bluez/"_s + adapter, u"org.bluez.Adapter1"_s, u"RemoveDevice"_s);
    message.setArguments({QVariant::fromValue(QDBusObjectPath(device))});
    m_bus.call(message, QDBus::Block, 5000);
}

void BlueZSimulator::setRssi(const QString &device, int rssi)
{
    call(u"SetRssi"_s,
         {QVariant::fromValue(QDBusObjectPath(device)), QVariant::fromValue(qint16(rssi))});
}

bool BlueZSimulator::notify(const QString &device, const QByteArray &value)
{
    return call(u"Notify"_s, {QVariant::fromValue(QDBusObjectPath(device)), value}).type() ==
           QDBusMessage::ReplyMessage;
}

QList<BlueZSimulator::Write> BlueZSimulator::writes(const QString &device)
{
    const QDBusMessage reply = call(u"GetWrites"_s, {QVariant::fromValue(QDBusObjectPath(device))});
    QList<Write> writes;
    if (reply.arguments().isEmpty())
        return writes;
    const QDBusArgument argument = reply.arguments().constFirst().value<QDBusArgument>();
    argument.beginArray();
    while (!argument.atEnd()) {
        Write write;
        argument.beginStructure();
        argument >> write.value >> write.type;
        argument.endStructure();
        writes.append(write);
    }
    argument.endArray();
    return writes;
}

int BlueZSimulator::connectCount(const QString &device)
{
    return call(u"GetConnectCount"_s, {QVariant::fromValue(QDBusObjectPath(device))})
        .arguments()
        .value(0)
        .toInt();
}

int BlueZSimulator::connectAttempts(const QString &device)
{
    return call(u"GetConnectAttempts"_s, {QVariant::fromValue(QDBusObjectPath(device))})
        .arguments()
        .value(0)
        .toInt();
}

bool BlueZSimulator::isNotifying(const QString &device)
{
    return call(u"IsNotifying"_s, {QVariant::fromValue(QDBusObjectPath(device))})
        .arguments()
        .value(0)
        .toBool();
}

bool BlueZSimulator::isConnected(const QString &device)
{
    QDBusMessage message = QDBusMessage::createMethodCall(
        u"org.bluez"_s, device, u"org.freedesktop.DBus.Properties"_s, u"Get"_s);
    message.setArguments({u"org.bluez.Device1"_s, u"Connected"_s});
    const QDBusMessage reply = m_bus.call(message, QDBus::Block, 5000);
    return reply.arguments().value(0).value<QDBusVariant>().variant().toBool();
}

void BlueZSimulator::dropConnection(const QString &device)
{
    call(u"DropConnection"_s, {QVariant::fromValue(QDBusObjectPath(device))});
}

void BlueZSimulator::setConnectable(const QString &device, bool connectable)
{
    call(u"SetConnectable"_s, {QVariant::fromValue(QDBusObjectPath(device)), connectable});
}

void BlueZSimulator::setPowered(const QString &adapter, bool powered)
{
    call(u"SetPowered"_s, {adapter, powered});
}

int BlueZSimulator::discoveryCount(const QString &adapter)
{
    return call(u"GetDiscoveryCount"_s, {adapter}).arguments().value(0).toInt();
}
