// SPDX-License-Identifier: GPL-3.0-or-later
#include "MessageType.h"

namespace {
const char *knownName(quint8 type)
{
    switch (static_cast<MessageType>(type)) {
    case MessageType::Announce:
        return "announce";
    case MessageType::Message:
        return "message";
    case MessageType::Leave:
        return "leave";
    case MessageType::CourierEnvelope:
        return "courierEnvelope";
    case MessageType::NoiseHandshake:
        return "noiseHandshake";
    case MessageType::NoiseEncrypted:
        return "noiseEncrypted";
    case MessageType::Fragment:
        return "fragment";
    case MessageType::RequestSync:
        return "requestSync";
    case MessageType::FileTransfer:
        return "fileTransfer";
    case MessageType::BoardPost:
        return "boardPost";
    case MessageType::PrekeyBundle:
        return "prekeyBundle";
    case MessageType::GroupMessage:
        return "groupMessage";
    case MessageType::Ping:
        return "ping";
    case MessageType::Pong:
        return "pong";
    case MessageType::NostrCarrier:
        return "nostrCarrier";
    case MessageType::VoiceFrame:
        return "voiceFrame";
    }
    return nullptr;
}
} // namespace

bool isKnownMessageType(quint8 type)
{
    return knownName(type) != nullptr;
}

QString messageTypeName(quint8 type)
{
    if (const char *name = knownName(type))
        return QString::fromLatin1(name);
    return QStringLiteral("unknown(0x%1)").arg(type, 2, 16, QLatin1Char('0'));
}

bool isPaddedOnWire(quint8 type)
{
    return type == quint8(MessageType::NoiseHandshake) ||
           type == quint8(MessageType::NoiseEncrypted);
}
