// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

#include "MeshNode.h"

/**
 * The status bar and settings header: who this node is, how it reaches others (Bluetooth and IP
 * transports as its links report them), how many links are in use, and how much bad input it
 * refused. Listens to the MeshNode set as `node`; does not own it.
 */
class NodeStatus : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(MeshNode *node READ node WRITE setNode NOTIFY nodeChanged)
    Q_PROPERTY(QString nickname READ nickname NOTIFY nicknameChanged)
    Q_PROPERTY(QString fingerprint READ fingerprint NOTIFY nodeChanged)
    Q_PROPERTY(QString shortFingerprint READ shortFingerprint NOTIFY nodeChanged)
    Q_PROPERTY(BluetoothState bluetoothState READ bluetoothState NOTIFY transportsChanged)
    Q_PROPERTY(QString bluetoothText READ bluetoothText NOTIFY transportsChanged)
    Q_PROPERTY(QString ipAddress READ ipAddress NOTIFY transportsChanged)
    Q_PROPERTY(QString lanDiscoveryText READ lanDiscoveryText NOTIFY transportsChanged)
    Q_PROPERTY(int linkCount READ linkCount NOTIFY linksChanged)
    Q_PROPERTY(int linkLimit READ linkLimit NOTIFY linksChanged)
    Q_PROPERTY(int rejectedPackets READ rejectedPackets NOTIFY countersChanged)
public:
    enum BluetoothState
    {
        Off,
        NoAdapter,
        Scanning,
        Advertising,
        NeedsPermission,
        Disabled
    };
    Q_ENUM(BluetoothState)

    explicit NodeStatus(QObject *parent = nullptr);

    MeshNode *node() const { return m_node; }
    void setNode(MeshNode *node);

    QString nickname() const;
    QString fingerprint() const;
    QString shortFingerprint() const;
    BluetoothState bluetoothState() const;
    QString bluetoothText() const;
    QString ipAddress() const;
    QString lanDiscoveryText() const;
    int linkCount() const;
    int linkLimit() const;
    /** Frames refused as malformed plus packets refused as forged, replayed or over limits. */
    int rejectedPackets() const;

Q_SIGNALS:
    void nodeChanged();
    void nicknameChanged();
    void transportsChanged();
    void linksChanged();
    void countersChanged();

private:
    QPointer<MeshNode> m_node;
};
