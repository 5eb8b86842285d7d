// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QLowEnergyCharacteristic>
#include <QPointer>

#include "Clock.h"
#include "FramePacer.h"
#include "Link.h"
#include "SendQueueGuard.h"

class QLowEnergyController;
class QLowEnergyService;

/**
 * The Link to a peripheral we connected to (outgoing, spec 02 §1): we are subscribed to the
 * bitchat characteristic, each notification is one frame, each frame we send is one write.
 *
 * Sizing writes: Qt 6.4's BlueZ central does not learn the ATT MTU, so mtu() is the spec's
 * 512-byte ceiling (spec 02 §2) and each frame picks its write kind. A frame that fits one ATT
 * packet (MTU − 3, with the MTU read from BlueZ ≥ 5.62) goes as a write without response, when
 * the characteristic offers it; anything else, or any frame when the MTU is unknown, goes as a
 * write with response, which BlueZ turns into a long (prepared) write when needed, and the next
 * frame waits for its answer. Writes are paced by a FramePacer; a write with no answer within
 * Options::writeTimeoutMs, or three failed writes in a row, close the link. The pacer's queue is
 * bounded by a SendQueueGuard as in BlePeripheralLink: relays refused at three quarters, own
 * frames when full, Link::StuckReason when it stays full with nothing written.
 *
 * Owns the controller and the service object while open; on close it hands the controller to
 * BleControllerReaper (kept by @p keeper) so BlueZ drops the connection before the device is
 * dialed again. RSSI comes from the scanner through setRssi().
 */
class BleCentralLink final : public Link
{
    Q_OBJECT
public:
    struct Options
    {
        FramePacer::Policy pacing;
        qint64 writeTimeoutMs = 10'000;
    };

    /**
     * Takes over @p controller (connected) and @p service (details discovered, notifications
     * of @p characteristic enabled). @p attMtu is the ATT MTU if known.
     */
    BleCentralLink(QLowEnergyController *controller, QLowEnergyService *service,
                   const QLowEnergyCharacteristic &characteristic, std::optional<int> attMtu,
                   Clock &clock, Options options, QObject *keeper, QObject *parent = nullptr);
    ~BleCentralLink() override;

    LinkType type() const override { return LinkType::Ble; }
    /** The peripheral's Bluetooth address, "AA:BB:CC:DD:EE:FF" (what dial() was given). */
    QString remoteAddress() const override { return m_address; }
    qsizetype mtu() const override;
    std::optional<int> rssi() const override { return m_rssi; }

    SendResult send(const QByteArray &frame, SendPriority priority = SendPriority::Own) override;
    void close(const QString &reason) override;

    /** The latest RSSI of the peripheral's advertisements, dBm; emits rssiChanged() on change. */
    void setRssi(int dbm);
    std::optional<int> attMtu() const { return m_attMtu; }
    /** True when a frame of @p size bytes goes as a write without response. */
    bool usesWriteWithoutResponse(qsizetype size) const;
    const FramePacer &pacer() const { return m_pacer; }
    const SendQueueGuard &sendQueue() const { return m_sendQueue; }

private:
    void write(const QByteArray &frame);
    void handleWritten();
    void handleServiceError();
    void end(const QString &reason);

    QPointer<QLowEnergyController> m_controller;
    QPointer<QLowEnergyService> m_service;
    const QLowEnergyCharacteristic m_characteristic;
    const QString m_address;
    const std::optional<int> m_attMtu;
    Clock &m_clock;
    const Options m_options;
    QPointer<QObject> m_keeper;
    FramePacer m_pacer;
    SendQueueGuard m_sendQueue;
    std::optional<int> m_rssi;
    Clock::TimerId m_writeTimeout = 0; // set while a write with response is unanswered
    int m_failedWrites = 0;
};
