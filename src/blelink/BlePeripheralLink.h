// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QBluetoothUuid>
#include <QPointer>

#include "FramePacer.h"
#include "Link.h"
#include "SendQueueGuard.h"

class Clock;
class GattServer;

/**
 * The Link to a central connected to our GATT server (incoming, spec 02 §1): each value the
 * central writes to the bitchat characteristic is one frame; each frame we send is one
 * notification of it. A notification carries at most ATT MTU − 3 bytes, so that is mtu(), and
 * the mesh fragments anything larger (spec 02 §3) before it reaches send().
 *
 * Frames wait (paced by a FramePacer) until the central subscribed through the CCCD: what the
 * mesh says right after the connection opens, its announce, is not lost while the central is
 * still discovering the service. The link closes when the central disconnects, or when the
 * server fails or goes away.
 *
 * The pacer's queue is the send queue, bounded by a SendQueueGuard (Policy::forFrameQueue of
 * the pacer's size): relays are refused once three quarters of it are taken, own frames when it
 * is full, and a queue that stays full while nothing goes out (a central that never subscribes)
 * closes the link with Link::StuckReason. Every frame refused or dropped is counted and logged.
 *
 * Uses, does not own, the server (guarded: it may go first); owns its pacer and guard.
 */
class BlePeripheralLink final : public Link
{
    Q_OBJECT
public:
    BlePeripheralLink(GattServer &server, const QString &centralAddress, Clock &clock,
                      FramePacer::Policy pacing, QObject *parent = nullptr);
    ~BlePeripheralLink() override;

    LinkType type() const override { return LinkType::Ble; }
    QString remoteAddress() const override { return m_centralAddress; }
    /** ATT MTU − 3 of the connection, bytes; 0 once closed. */
    qsizetype mtu() const override;

    SendResult send(const QByteArray &frame, SendPriority priority = SendPriority::Own) override;
    void close(const QString &reason) override;

    /** True once the central turned notifications on. */
    bool isSubscribed() const { return m_subscribed; }
    const FramePacer &pacer() const { return m_pacer; }
    const SendQueueGuard &sendQueue() const { return m_sendQueue; }

private:
    void handleWrite(const QBluetoothUuid &characteristic, const QByteArray &value);
    void handleSubscription(const QBluetoothUuid &characteristic, bool enabled);
    void end(const QString &reason);

    QPointer<GattServer> m_server;
    const QString m_centralAddress;
    FramePacer m_pacer;
    SendQueueGuard m_sendQueue;
    bool m_subscribed = false;
    bool m_warnedSmallMtu = false;
};
