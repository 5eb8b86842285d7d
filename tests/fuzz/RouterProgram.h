// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

/**
 * The router fuzzer's input language, one operation after another; RouterHarness runs it and
 * fuzz_seeds writes seed programs with it. Every operation is an opcode byte and its arguments
 * (bytes, big-endian u16s); a program cut anywhere still runs, its missing arguments read as 0.
 *
 * "link" arguments pick among the open links. Frames the harness signs as the honest peer
 * always arrive first on the honest link (link 0, kept open), everything an attacker sends on
 * one of the others; copies of honest frames may arrive on any.
 */
class RouterProgram
{
public:
    enum Op : quint8
    {
        Frame,          ///< link, u16 length, bytes: raw bytes from an attacker's link
        Advance,        ///< u16: ms, or (top bit set) the low 15 bits × 100 ms
        HonestAnnounce, ///< ttl: the honest peer announces itself
        HonestMessage,  ///< flags (HonestFlag), ttl, length, UTF-8 text: the honest peer speaks
        HonestLeave,    ///< ttl
        Replay,         ///< link (0: honest link), index, ttl: an honest frame again, TTL changed
        Tamper,         ///< link, index, u16 position, xor: an honest frame with one byte changed
        StripSignature, ///< link, index, mode (0 zeroed, 1 removed): defect 3's stripped copy
        Impersonate,  ///< link, ttl: the honest peer's ID and Noise key, the attacker's signing key
        ForgeMessage, ///< link, length, text: a message claiming the honest peer, attacker-signed
        AttackerAnnounce, ///< link, ttl: the attacker announces its own identity
        AttackerSigned,   ///< link, type, fill, size (2^(n % 22) bytes), flags (AttackerFlag)
        StrangerFlood, ///< link, scale (< 240: 1–16, < 255: (n − 239) × 64, 255: 4,096 announces)
        Nest,          ///< link (0: honest link), depth, flags: honest message in nested fragments
        Fragmented,    ///< link (0: honest link), chunk, order: honest message cut by Fragmenter
        OpenLink,      ///< mtu selector (< 128: 64 KiB, else BLE-like): a new neighbour connects
        CloseLink,     ///< link: an attacker's link hangs up
        Echo,          ///< from link, to link, index: a frame the router sent, delivered back
        OpCount,
    };

    enum HonestFlag : quint8
    {
        Deliver = 1,  ///< deliver at once on the honest link (else only an attacker heard it)
        Version2 = 2, ///< a v2 packet
        Compress = 4, ///< compressed before signing (when that pays: text ≥ 100 bytes)
        Repeat = 8,   ///< the text repeated to ~250 characters
    };

    enum AttackerFlag : quint8
    {
        AttackerV2 = 1,       ///< v2 (needed above 64 KiB)
        AttackerCompress = 2, ///< compressed: small on the wire, large inflated (defect 6)
        RotateSender = 4,     ///< a fresh unsigned sender ID each time (defect 8)
    };

    RouterProgram &op(Op code)
    {
        m_bytes.append(char(code));
        return *this;
    }
    RouterProgram &byte(quint8 value)
    {
        m_bytes.append(char(value));
        return *this;
    }
    RouterProgram &u16(quint16 value)
    {
        return byte(quint8(value >> 8)).byte(quint8(value & 0xFF));
    }
    RouterProgram &bytes(QByteArrayView value)
    {
        m_bytes.append(value);
        return *this;
    }
    /** A whole Frame operation carrying @p frame on attacker link @p link. */
    RouterProgram &frame(quint8 link, QByteArrayView frame)
    {
        return op(Frame).byte(link).u16(quint16(frame.size())).bytes(frame);
    }

    const QByteArray &data() const { return m_bytes; }

private:
    QByteArray m_bytes;
};
