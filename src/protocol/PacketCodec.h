// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>

#include "CodecResult.h"
#include "Packet.h"

class RejectionCounters;

/**
 * Encodes and decodes bitchat packet frames, versions 1 and 2 (spec 01 §1–§6).
 *
 * Decoding never reads past the buffer and never allocates more than the frame plus the
 * decompression limit; each refused frame is recorded in the RejectionCounters handed in (if any).
 * Encoding is pure: it checks the packet can be represented and lays out the bytes.
 */
class PacketCodec
{
public:
    struct Limits
    {
        /** Largest decompressed payload accepted (the v1 preamble caps v1 at 65,535 anyway). */
        qsizetype maxDecompressedSize = 2 * 1024 * 1024;
        /**
         * Caps by message type on the payload, compressed or not, below maxDecompressedSize: a
         * type that is small by nature is refused as PayloadTooLarge before (or instead of)
         * inflating it, so a few bytes on the wire cannot become megabytes in memory.
         */
        QHash<quint8, qsizetype> maxPayloadByType;

        qsizetype payloadLimitFor(quint8 type) const
        {
            return std::min(maxDecompressedSize, maxPayloadByType.value(type, maxDecompressedSize));
        }
    };

    PacketCodec() = default;
    explicit PacketCodec(RejectionCounters *counters);
    PacketCodec(RejectionCounters *counters, Limits limits);

    /**
     * The packet in @p frame. Tries the frame as unpadded first and only then with trailing
     * PKCS#7 padding stripped (spec 01 §6). Unknown `type` values decode fine: skipping them is
     * the router's business. Reserved flag bits are ignored.
     */
    CodecResult<Packet> decode(QByteArrayView frame) const;

    /** The frame at its natural length, without padding. */
    static CodecResult<QByteArray> encode(const Packet &packet);
    /** The frame as sent: padded only for Noise types (spec 01 §6). */
    static CodecResult<QByteArray> encodeForWire(const Packet &packet);
    /**
     * The bytes a signature covers (spec 01 §5): ttl 0, no signature section and hasSignature
     * clear, isRSR clear, always put through the padding rule.
     */
    static CodecResult<QByteArray> signingTranscript(const Packet &packet);

    /**
     * @p packet with its payload compressed when that pays (spec 01 §4.3), as senders do before
     * signing; a packet that is already compressed is returned as it is.
     */
    static Packet withCompressedPayload(Packet packet);

private:
    CodecResult<Packet> decodeExact(QByteArrayView frame) const;

    RejectionCounters *m_counters = nullptr;
    Limits m_limits;
};
