// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

#include "LinkType.h"
#include "TransportState.h"

class Link;

/**
 * A source of links of one kind (IP today, BLE later): it listens for or scans for neighbours,
 * dials addresses on request and announces every connection it opens through linkOpened().
 *
 * Ownership: a transport creates each link as its own QObject child. Whoever takes the link from
 * linkOpened() (normally LinkManager) re-parents it and from then on owns and deletes it; a link
 * nobody takes is deleted with its transport. The transport keeps no pointer it would use later.
 *
 * Contract of dial(): every call ends in exactly one linkOpened() for an outgoing link whose
 * remoteAddress() is the dialed address, or one dialFailed() for that address; never both.
 */
class LinkTransport : public QObject
{
    Q_OBJECT
public:
    ~LinkTransport() override;

    virtual LinkType type() const = 0;
    /** Starts accepting connections. Returns false (and logs why) when that fails. */
    virtual bool start() = 0;
    /** True between a successful start() and the transport stopping. */
    virtual bool isRunning() const = 0;
    /** Where the transport stands; by default Running or Off after isRunning(). */
    virtual TransportState state() const
    {
        return isRunning() ? TransportState::Running : TransportState::Off;
    }
    /**
     * One line for the status bar: where it listens, or what is wrong and how to fix it
     * ("ws://127.0.0.1:4000", "no Bluetooth adapter", …). Changes come with stateChanged().
     */
    virtual QString statusText() const { return {}; }
    /** How this transport finds others on its own, if it does ("LAN discovery on eth0"). */
    virtual QString discoveryText() const { return {}; }
    /** Opens an outgoing link to @p address (for IP, e.g. "ws://127.0.0.1:4000"). */
    virtual void dial(const QString &address) = 0;

Q_SIGNALS:
    /** A new connection is up, incoming or dialed; see the class comment for ownership. */
    void linkOpened(Link *link);
    void dialFailed(const QString &address, const QString &reason);
    /** isRunning() or another observable property changed. */
    void stateChanged();

protected:
    explicit LinkTransport(QObject *parent = nullptr);
};
