// SPDX-License-Identifier: GPL-3.0-or-later
#include "PacketId.h"

#include <QCryptographicHash>
#include <QtEndian>

#include "Packet.h"

QByteArray PacketId::of(const Packet &packet)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const char type = char(packet.type);
    hash.addData(QByteArrayView(&type, 1));
    hash.addData(packet.senderId.toBytes());
    uchar timestamp[8];
    qToBigEndian(packet.timestamp, timestamp);
    hash.addData(QByteArrayView(reinterpret_cast<const char *>(timestamp), 8));
    hash.addData(packet.payload);
    return hash.result().left(Size);
}
