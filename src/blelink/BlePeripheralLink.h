// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QBluetoothUuid>
#include <QPointer>

#include "FramePacer.h"
#include "Link.h"

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
 * Uses, does not own, the server (guarded: it may go first); owns its pacer.
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

    void send(const QByteArray &frame) override;
    void close(const QString &reason) override;

    /** True once the central turned notifications on. */
    bool isSubscribed() const { return m_subscribed; }
    const FramePacer &pacer() const { return m_pacer; }

private:
    void handleWrite(const QBluetoothUuid &characteristic, const QByteArray &value);
    void handleSubscription(const QBluetoothUuid &characteristic, bool enabled);
    void end(const QString &reason);

    QPointer<GattServer> m_server;
    const QString m_centralAddress;
    FramePacer m_pacer;
    bool m_subscribed = false;
    bool m_warnedSmallMtu = false;
};
