// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QBluetoothAddress>
#include <QBluetoothDeviceInfo>
#include <QObject>
#include <QPointer>

#include "BleCentralLink.h"
#include "Clock.h"

class QLowEnergyController;
class QLowEnergyService;

/**
 * One attempt to open a BleCentralLink to a device: connect, discover the bitchat service and
 * its characteristic (spec 02 §4.2: rediscovered on every connection), subscribe through the
 * CCCD, read the ATT MTU from BlueZ. Ends in exactly one ready() or failed(), never inline from
 * start(), and within Options::setupTimeoutMs.
 *
 * Owns the controller until it hands it to the link (ready) or to BleControllerReaper (failed,
 * kept by @p keeper). The owner deletes the dial after either signal.
 */
class BleCentralDial : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        qint64 setupTimeoutMs = 20'000;
        BleCentralLink::Options link;
    };

    BleCentralDial(const QBluetoothDeviceInfo &device, const QBluetoothAddress &adapter,
                   Clock &clock, Options options, QObject *keeper, QObject *parent = nullptr);
    ~BleCentralDial() override;

    /** "AA:BB:CC:DD:EE:FF" */
    QString address() const { return m_device.address().toString(); }
    /** The controller, while this dial owns it (for watching its destruction). */
    QLowEnergyController *controller() const;
    void start();

Q_SIGNALS:
    /** The link is open and subscribed; it is the receiver's (no parent). */
    void ready(BleCentralLink *link);
    void failed(const QString &reason);

private:
    void handleServicesDiscovered();
    void handleServiceState();
    void subscribed();
    void fail(const QString &reason);

    const QBluetoothDeviceInfo m_device;
    const QBluetoothAddress m_adapter;
    Clock &m_clock;
    const Options m_options;
    QPointer<QObject> m_keeper;
    QPointer<QLowEnergyController> m_controller;
    QPointer<QLowEnergyService> m_service;
    Clock::TimerId m_timeout = 0;
    bool m_done = false;
};
