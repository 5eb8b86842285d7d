// SPDX-License-Identifier: GPL-3.0-or-later
#include "LanDiscovery.h"

#include <QNetworkDatagram>
#include <QRandomGenerator>
#include <QUrl>
#include <QVariant>
#include <QtEndian>

#include <cmath>

#include "IpLinkLog.h"

using namespace Qt::StringLiterals;

namespace {
constexpr char Magic[] = {'M', 'S', 'H', 'C'};
constexpr quint8 BeaconVersion = 1;
/** Remembered senders, at most; beacons from further new senders wait until some go quiet. */
constexpr qsizetype MaxKnownSenders = 256;
} // namespace

LanDiscovery::LanDiscovery(Clock &clock, QRandomGenerator *random, const Options &options,
                           QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_random(random)
    , m_options(options)
    , m_nonce(random->generate64())
{
    connect(&m_receiver, &QUdpSocket::readyRead, this, &LanDiscovery::readDatagrams);
}

LanDiscovery::~LanDiscovery()
{
    m_clock.cancel(m_beaconTimer);
}

QByteArray LanDiscovery::encodeBeacon(quint64 nonce, quint16 webSocketPort)
{
    QByteArray beacon(Magic, sizeof(Magic));
    beacon.append(char(BeaconVersion));
    beacon.resize(BeaconSize);
    qToBigEndian(nonce, beacon.data() + 5);
    qToBigEndian(webSocketPort, beacon.data() + 13);
    return beacon;
}

bool LanDiscovery::start()
{
    if (m_running)
        return true;
    if (m_options.interfaceName.isEmpty())
        return fail(u"no interface named; discovery stays off"_s);
    m_interface = QNetworkInterface::interfaceFromName(m_options.interfaceName);
    if (!m_interface.isValid() || !m_interface.flags().testFlag(QNetworkInterface::IsUp))
        return fail(u"interface %1 missing or down"_s.arg(m_options.interfaceName));
    QHostAddress local;
    const QList<QNetworkAddressEntry> entries = m_interface.addressEntries();
    for (const QNetworkAddressEntry &entry : entries) {
        if (entry.ip().protocol() == QAbstractSocket::IPv4Protocol) {
            local = entry.ip();
            break;
        }
    }
    if (local.isNull())
        return fail(u"interface %1 has no IPv4 address"_s.arg(m_options.interfaceName));

    // Receive: bound to the group address so only datagrams sent to it arrive, shared with other
    // nodes on this host; membership only on our interface.
    if (!m_receiver.bind(m_options.group, m_options.port,
                         QUdpSocket::ShareAddress | QUdpSocket::ReuseAddressHint) ||
        !m_receiver.joinMulticastGroup(m_options.group, m_interface))
        return fail(m_receiver.errorString());
    // Send: from the interface's own address, out of that interface, one hop, and looped back so
    // other nodes on this host hear it too.
    if (m_options.webSocketPort != 0) {
        if (!m_sender.bind(local, 0))
            return fail(m_sender.errorString());
        m_sender.setMulticastInterface(m_interface);
        m_sender.setSocketOption(QAbstractSocket::MulticastTtlOption, 1);
        m_sender.setSocketOption(QAbstractSocket::MulticastLoopbackOption, 1);
    }
    m_running = true;
    m_errorString.clear();
    qCInfo(lcIpLink) << "LAN discovery on" << m_options.interfaceName << "group" << m_options.group
                     << "port" << m_options.port;
    Q_EMIT runningChanged();
    if (m_options.webSocketPort != 0)
        sendBeacon();
    return true;
}

void LanDiscovery::stop()
{
    m_clock.cancel(m_beaconTimer);
    m_beaconTimer = 0;
    m_receiver.close();
    m_sender.close();
    m_lastHeardMs.clear();
    if (!m_running)
        return;
    m_running = false;
    Q_EMIT runningChanged();
}

bool LanDiscovery::fail(const QString &error)
{
    m_errorString = error;
    qCWarning(lcIpLink) << "LAN discovery not started:" << error;
    m_receiver.close();
    m_sender.close();
    return false;
}

void LanDiscovery::sendBeacon()
{
    m_beaconTimer = 0;
    const QByteArray beacon = encodeBeacon(m_nonce, m_options.webSocketPort);
    if (m_sender.writeDatagram(beacon, m_options.group, m_options.port) == beacon.size())
        ++m_beaconsSent;
    else
        qCDebug(lcIpLink) << "beacon not sent:" << m_sender.errorString();
    scheduleBeacon();
}

void LanDiscovery::scheduleBeacon()
{
    // ±10% so nodes started together drift apart instead of beaconing in bursts.
    const double spread = 0.1 * (2.0 * m_random->generateDouble() - 1.0);
    const qint64 delay = std::llround(double(m_options.beaconIntervalMs) * (1.0 + spread));
    m_beaconTimer = m_clock.callAfter(delay, this, [this] { sendBeacon(); });
}

void LanDiscovery::readDatagrams()
{
    while (m_receiver.hasPendingDatagrams()) {
        const QNetworkDatagram datagram = m_receiver.receiveDatagram(BeaconSize + 1);
        const uint index = datagram.interfaceIndex();
        if (index != 0 && index != uint(m_interface.index()))
            continue; // another interface joined the same group on this host
        handleBeacon(datagram.data(), datagram.senderAddress());
    }
}

void LanDiscovery::handleBeacon(const QByteArray &data, const QHostAddress &sender)
{
    const bool wellFormed = data.size() == BeaconSize &&
                            data.startsWith(QByteArrayView(Magic, 4)) &&
                            quint8(data.at(4)) == BeaconVersion;
    const quint16 port = wellFormed ? qFromBigEndian<quint16>(data.constData() + 13) : 0;
    if (!wellFormed || port == 0 || sender.isNull()) {
        ++m_malformed;
        qCDebug(lcIpLink) << "malformed beacon of" << data.size() << "bytes from" << sender;
        return;
    }
    if (qFromBigEndian<quint64>(data.constData() + 5) == m_nonce)
        return; // our own, looped back

    QUrl url;
    url.setScheme(u"ws"_s);
    url.setHost(sender.toString());
    url.setPort(port);
    const QString webSocketUrl = url.toString();

    const qint64 now = m_clock.monotonicMs();
    const qint64 forgetAfter = 3 * m_options.beaconIntervalMs;
    m_lastHeardMs.removeIf(
        [now, forgetAfter](const auto &entry) { return now - entry.value() > forgetAfter; });
    const bool isNew = !m_lastHeardMs.contains(webSocketUrl);
    if (isNew && m_lastHeardMs.size() >= MaxKnownSenders)
        return;
    m_lastHeardMs.insert(webSocketUrl, now);
    if (isNew) {
        qCInfo(lcIpLink) << "discovered" << webSocketUrl;
        Q_EMIT peerDiscovered(webSocketUrl);
    }
}
