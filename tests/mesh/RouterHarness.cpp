// SPDX-License-Identifier: GPL-3.0-or-later
#include "RouterHarness.h"

#include "PacketCodec.h"

QList<Packet> receivedBy(const FakeLink *link)
{
    QList<Packet> packets;
    for (const QByteArray &frame : link->sentFrames())
        packets.append(PacketCodec().decode(frame).value());
    return packets;
}

int countOfType(const FakeLink *link, MessageType type)
{
    const QList<Packet> packets = receivedBy(link);
    return int(std::count_if(packets.begin(), packets.end(),
                             [type](const Packet &p) { return p.messageType() == type; }));
}
