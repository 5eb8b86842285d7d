// SPDX-License-Identifier: GPL-3.0-or-later
#include "BleCentralLink.h"

#include <QLowEnergyController>
#include <QLowEnergyService>

#include "BitchatGattProfile.h"
#include "BleControllerReaper.h"
#include "BleLinkLog.h"

using namespace Qt::StringLiterals;

namespace {
constexpr int MaxFailedWrites = 3;
} // namespace

BleCentralLink::BleCentralLink(QLowEnergyController *controller, QLowEnergyService *service,
                               const QLowEnergyCharacteristic &characteristic,
                               std::optional<int> attMtu, Clock &clock, Options options,
                               QObject *keeper, QObject *parent)
    : Link(true, parent)
    , m_controller(controller)
    , m_service(service)
    , m_characteristic(characteristic)
    , m_address(controller->remoteAddress().toString())
    , m_attMtu(attMtu)
    , m_clock(clock)
    , m_options(options)
    , m_keeper(keeper)
    , m_pacer(clock, options.pacing, [this](const QByteArray &frame) { write(frame); })
    , m_sendQueue(
          clock,
          SendQueueGuard::Policy::forFrameQueue(options.pacing.maxQueuedFrames,
                                                BitchatGattProfile::MaxValueLength),
          [this] {
              return SendQueueGuard::Level{m_pacer.queuedBytes(), m_pacer.queuedCount()};
          },
          id())
{
    connect(&m_sendQueue, &SendQueueGuard::stuck, this, [this] { close(StuckReason); });
    controller->setParent(this);
    service->setParent(this);
    connect(controller, &QLowEnergyController::disconnected, this,
            [this] { end(u"disconnected"_s); });
    connect(controller, &QLowEnergyController::errorOccurred, this, [this] {
        end(u"error: "_s + (m_controller ? m_controller->errorString() : QString()));
    });
    connect(service, &QLowEnergyService::characteristicChanged, this,
            [this](const QLowEnergyCharacteristic &changed, const QByteArray &value) {
                if (isOpen() && changed.uuid() == BitchatGattProfile::characteristicUuid())
                    Q_EMIT frameReceived(value);
            });
    connect(service, &QLowEnergyService::characteristicWritten, this,
            &BleCentralLink::handleWritten);
    connect(service, &QLowEnergyService::errorOccurred, this, &BleCentralLink::handleServiceError);
}

BleCentralLink::~BleCentralLink()
{
    m_clock.cancel(m_writeTimeout);
    if (isOpen() && m_controller) // deleted while open: still let BlueZ drop the connection
        BleControllerReaper::retire(m_controller, m_keeper, m_clock);
}

qsizetype BleCentralLink::mtu() const
{
    return isOpen() ? BitchatGattProfile::MaxValueLength : 0;
}

bool BleCentralLink::usesWriteWithoutResponse(qsizetype size) const
{
    return m_attMtu && size <= *m_attMtu - BitchatGattProfile::AttHeaderSize &&
           (m_characteristic.properties() & QLowEnergyCharacteristic::WriteNoResponse);
}

SendResult BleCentralLink::send(const QByteArray &frame, SendPriority priority)
{
    if (!isOpen()) {
        qCDebug(lcBle) << "link" << id() << "closed; dropping frame of" << frame.size();
        return SendResult::Closed;
    }
    if (frame.size() > mtu()) {
        qCWarning(lcBle) << "link" << id() << "refusing to send" << frame.size() << "bytes, mtu"
                         << mtu();
        return SendResult::TooLarge;
    }
    if (!m_sendQueue.admits(frame.size(), priority) || !m_pacer.enqueue(frame)) {
        qCDebug(lcBle) << "link" << id() << "send queue full; dropped"
                       << (priority == SendPriority::Relay ? "a relayed" : "an own") << "frame of"
                       << frame.size() << "bytes";
        return SendResult::QueueFull;
    }
    return SendResult::Accepted;
}

void BleCentralLink::write(const QByteArray &frame)
{
    m_sendQueue.progressed();
    if (!m_service) {
        qCDebug(lcBle) << "link" << id() << "service gone; dropped a frame of" << frame.size();
        return;
    }
    if (usesWriteWithoutResponse(frame.size())) {
        m_service->writeCharacteristic(m_characteristic, frame,
                                       QLowEnergyService::WriteWithoutResponse);
        return;
    }
    // The next frame waits for the answer: BlueZ runs one long write at a time per link.
    m_pacer.hold();
    m_writeTimeout =
        m_clock.callAfter(m_options.writeTimeoutMs, this, [this] { close(u"write timeout"_s); });
    m_service->writeCharacteristic(m_characteristic, frame, QLowEnergyService::WriteWithResponse);
}

void BleCentralLink::handleWritten()
{
    if (m_writeTimeout == 0)
        return;
    m_clock.cancel(m_writeTimeout);
    m_writeTimeout = 0;
    m_failedWrites = 0;
    m_pacer.release();
}

void BleCentralLink::handleServiceError()
{
    if (!isOpen() || !m_service)
        return;
    const QLowEnergyService::ServiceError error = m_service->error();
    if (error != QLowEnergyService::CharacteristicWriteError) {
        qCDebug(lcBle) << "link" << id() << "service error" << error;
        return;
    }
    if (++m_failedWrites >= MaxFailedWrites) {
        close(u"writes failing"_s);
        return;
    }
    qCDebug(lcBle) << "link" << id() << "write failed; frame dropped";
    if (m_writeTimeout != 0) { // the failed write was the one we waited for
        m_clock.cancel(m_writeTimeout);
        m_writeTimeout = 0;
        m_pacer.release();
    }
}

void BleCentralLink::setRssi(int dbm)
{
    if (m_rssi == dbm)
        return;
    m_rssi = dbm;
    Q_EMIT rssiChanged();
}

void BleCentralLink::close(const QString &reason)
{
    end(reason);
}

void BleCentralLink::end(const QString &reason)
{
    if (!isOpen())
        return;
    m_sendQueue.stop();
    if (const int dropped = m_pacer.clear())
        qCDebug(lcBle) << "link" << id() << "closing; dropped" << dropped << "queued frames";
    m_pacer.hold();
    m_clock.cancel(m_writeTimeout);
    m_writeTimeout = 0;
    const QPointer<QLowEnergyController> controller = m_controller;
    if (controller)
        disconnect(controller, nullptr, this, nullptr);
    if (m_service)
        disconnect(m_service, nullptr, this, nullptr);
    // Hand the controller over before closed(): a slot may delete this link, and it with it.
    BleControllerReaper::retire(controller, m_keeper, m_clock);
    m_controller = nullptr;
    finish(reason);
}
