// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: a whole MeshRouter (src/mesh) under a hostile neighbourhood. Each input is a
// RouterProgram — frames on several links interleaved with clock advances, genuine traffic the
// harness signs as the honest peer, and the attacks of issue 8 as operations (forgeries,
// stripped copies, impersonating announces, peer-table floods, nested fragments, inflating
// payloads, rotating sender IDs) — run against a fresh router in virtual time. RouterHarness
// checks its invariants after every operation: nothing forged or replayed accepted, nothing
// silenced, no recursion, memory within budget.
#include <QByteArrayView>
#include <QCoreApplication>
#include <QLoggingCategory>

#include <sanitizer/allocator_interface.h>

#include <algorithm>
#include <cstdint>

#include "AnnouncePayload.h"
#include "FragmentPayload.h"
#include "Fragmenter.h"
#include "FuzzIdentities.h"
#include "FuzzInput.h"
#include "PacketCodec.h"
#include "PacketSigner.h"
#include "RouterHarness.h"
#include "RouterProgram.h"

namespace {
using P = RouterProgram;

quint8 ttlFrom(quint8 byte)
{
    return byte % (Packet::DefaultTtl + 1);
}

QByteArray frameOf(const Packet &packet)
{
    const auto frame = PacketCodec::encodeForWire(packet);
    return frame ? *frame : QByteArray();
}

/** Interprets one program against one harness; every operation ends with the invariants. */
class Interpreter
{
public:
    Interpreter(RouterHarness &harness, QByteArrayView program)
        : h(harness)
        , in(program)
    {}

    void run()
    {
        while (!in.atEnd())
            step(in.byte() % P::OpCount);
    }

private:
    quint64 nextTimestamp() { return FuzzIdentities::epochAt(h.nowMs()) + m_sequence++; }

    QString textFrom(qsizetype size, bool repeat)
    {
        QString text = QString::fromUtf8(in.bytes(size));
        if (repeat && !text.isEmpty())
            text = text.repeated(1 + 250 / text.size());
        return text;
    }

    Packet honestMessage(quint8 flags, quint8 ttl, const QString &text)
    {
        Packet packet = FuzzIdentities::message(FuzzIdentities::honest(), text, nextTimestamp(),
                                                flags & P::Version2 ? 2 : 1, flags & P::Compress);
        packet.ttl = ttl; // outside the signature (spec 01 §5)
        return packet;
    }

    void step(quint8 op)
    {
        switch (op) {
        case P::Frame: {
            FuzzLink *link = h.attackerLink(in.byte());
            h.deliver(link, in.bytes(in.u16()).toByteArray());
            break;
        }
        case P::Advance: {
            const quint16 raw = in.u16();
            h.advance(raw & 0x8000 ? qint64(raw & 0x7FFF) * 100 : raw);
            break;
        }
        case P::HonestAnnounce: {
            const Packet packet =
                FuzzIdentities::announce(FuzzIdentities::honest(), QStringLiteral("honest"),
                                         nextTimestamp(), ttlFrom(in.byte()));
            h.recordHonest(packet);
            h.sendAsHonest(packet);
            break;
        }
        case P::HonestMessage: {
            const quint8 flags = in.byte();
            const quint8 ttl = ttlFrom(in.byte());
            const Packet packet = honestMessage(flags, ttl, textFrom(in.byte(), flags & P::Repeat));
            h.recordHonest(packet);
            if (flags & P::Deliver)
                h.sendAsHonest(packet);
            break;
        }
        case P::HonestLeave: {
            Packet packet;
            packet.type = quint8(MessageType::Leave);
            packet.ttl = ttlFrom(in.byte());
            packet.timestamp = nextTimestamp();
            packet.senderId = FuzzIdentities::honest().peerId();
            packet = PacketSigner::sign(packet, FuzzIdentities::honest().signing()).value();
            h.recordHonest(packet);
            h.sendAsHonest(packet);
            break;
        }
        case P::Replay: {
            const quint8 selector = in.byte();
            const RouterHarness::HonestFrame *frame = h.honestFrame(in.byte());
            const quint8 ttl = ttlFrom(in.byte());
            if (!frame)
                break;
            Packet copy = frame->packet;
            copy.ttl = ttl;
            if (selector == 0)
                h.sendAsHonest(copy);
            else
                h.deliver(h.attackerLink(selector), frameOf(copy));
            break;
        }
        case P::Tamper: {
            FuzzLink *link = h.attackerLink(in.byte());
            const RouterHarness::HonestFrame *frame = h.honestFrame(in.byte());
            const quint16 position = in.u16();
            const quint8 mask = in.byte() | 1;
            if (!frame)
                break;
            QByteArray bytes = frameOf(frame->packet);
            if (!bytes.isEmpty())
                bytes[position % bytes.size()] = char(bytes[position % bytes.size()] ^ mask);
            h.deliver(link, bytes);
            break;
        }
        case P::StripSignature: {
            FuzzLink *link = h.attackerLink(in.byte());
            const RouterHarness::HonestFrame *frame = h.honestFrame(in.byte());
            const bool remove = in.byte() & 1;
            if (!frame)
                break;
            Packet copy = frame->packet;
            if (remove)
                copy.signature.reset();
            else
                copy.signature = QByteArray(Packet::SignatureSize, '\0');
            h.deliver(link, frameOf(copy));
            break;
        }
        case P::Impersonate: {
            FuzzLink *link = h.attackerLink(in.byte());
            AnnouncePayload payload;
            payload.nickname = QStringLiteral("honest");
            payload.noisePublicKey = FuzzIdentities::honest().noise().publicKey();
            payload.signingPublicKey = FuzzIdentities::attacker().signing().publicKey();
            Packet packet;
            packet.type = quint8(MessageType::Announce);
            packet.ttl = ttlFrom(in.byte());
            packet.timestamp = nextTimestamp();
            packet.senderId = FuzzIdentities::honest().peerId();
            packet.payload = payload.encode().value();
            h.deliver(link, frameOf(signedByAttacker(packet)));
            break;
        }
        case P::ForgeMessage: {
            FuzzLink *link = h.attackerLink(in.byte());
            Packet packet = FuzzIdentities::message(FuzzIdentities::attacker(),
                                                    textFrom(in.byte(), false), nextTimestamp());
            packet.senderId = FuzzIdentities::honest().peerId();
            h.deliver(link, frameOf(signedByAttacker(packet)));
            break;
        }
        case P::AttackerAnnounce: {
            FuzzLink *link = h.attackerLink(in.byte());
            h.deliver(link, frameOf(FuzzIdentities::announce(FuzzIdentities::attacker(),
                                                             QStringLiteral("mallory"),
                                                             nextTimestamp(), ttlFrom(in.byte()))));
            break;
        }
        case P::AttackerSigned:
            attackerSigned();
            break;
        case P::StrangerFlood: {
            FuzzLink *link = h.attackerLink(in.byte());
            const QList<QByteArray> &pool = FuzzIdentities::strangerAnnounces();
            // Mostly a few, sometimes hundreds, and at 255 the whole pool: 4,096 strangers push
            // the honest peer's binding out of today's PeerTable (defect 2). Floods past the
            // table's cap are slow (its eviction scans the table), so they stay rare.
            const quint8 scale = in.byte();
            const int count = scale < 240   ? 1 + scale % 16
                              : scale < 255 ? (scale - 239) * 64
                                            : FuzzIdentities::StrangerCount;
            for (int i = 0; i < count && m_floodCursor < pool.size(); ++i)
                h.deliver(link, pool.at(m_floodCursor++));
            break;
        }
        case P::Nest:
            nest();
            break;
        case P::Fragmented:
            fragmented();
            break;
        case P::OpenLink: {
            // Half IP-sized, half between 128 and 4,192 bytes (BLE-like: relays get fragmented).
            const quint8 selector = in.byte();
            h.openLink(selector < 128 ? 64 * 1024 : 128 + qsizetype(selector - 128) * 32);
            break;
        }
        case P::CloseLink:
            h.closeLink(in.byte());
            break;
        case P::Echo: {
            FuzzLink *from = h.openLinkAt(in.byte());
            FuzzLink *to = h.openLinkAt(in.byte());
            const quint8 index = in.byte();
            if (from && to)
                h.deliver(to, from->sentFrame(index));
            break;
        }
        }
        h.checkInvariants();
    }

    static Packet signedByAttacker(const Packet &packet)
    {
        return PacketSigner::sign(packet, FuzzIdentities::attacker().signing()).value();
    }

    void attackerSigned()
    {
        FuzzLink *link = h.attackerLink(in.byte());
        const quint8 type = in.byte();
        const char fill = char(in.byte() & 0x7F); // ASCII: a valid message text
        const quint8 scale = in.byte(); // 2^0 … 2^21 bytes: the largest inflates to 2 MiB
        const qsizetype size = scale == 0 ? 0 : qsizetype(1) << (scale % 22);
        const quint8 flags = in.byte();
        Packet packet;
        packet.version = flags & P::AttackerV2 ? 2 : 1;
        packet.type = type;
        packet.timestamp = nextTimestamp();
        packet.senderId = FuzzIdentities::attacker().peerId();
        if (type == quint8(MessageType::Announce)) {
            // Its real announce padded with empty TLVs of an unknown type (defect 6).
            packet.payload =
                FuzzIdentities::announce(FuzzIdentities::attacker(), QStringLiteral("mallory"), 0)
                    .payload;
            packet.payload.append(QByteArray("\x7f\0", 2).repeated(size / 2));
        } else {
            packet.payload = QByteArray(size, fill);
        }
        if (packet.version == 1 && packet.payload.size() > 0xFFFF)
            packet.payload.truncate(0xFFFF);
        if (flags & P::AttackerCompress)
            packet = PacketCodec::withCompressedPayload(packet);
        if (flags & P::RotateSender) {
            const quint64 id = ++m_rotatingSender;
            packet.senderId =
                *PeerId::fromBytes(QByteArrayView(reinterpret_cast<const char *>(&id), sizeof id));
        } else {
            packet = signedByAttacker(packet);
        }
        h.deliver(link, frameOf(packet));
    }

    void nest()
    {
        const quint8 selector = in.byte();
        const int depth = 1 + in.byte() % 48;
        const quint8 flags = in.byte();
        const quint8 version = flags & P::Version2 ? 2 : 1;
        const Packet message =
            honestMessage(0, Packet::DefaultTtl, QStringLiteral("nested %1").arg(depth));
        h.recordHonest(message, depth >= 2);
        QByteArray frame = frameOf(message);
        for (int level = 0; level < depth && !frame.isEmpty(); ++level) {
            Packet shell;
            shell.version = version;
            shell.type = quint8(MessageType::Fragment);
            shell.timestamp = message.timestamp;
            shell.senderId = message.senderId;
            const quint64 id = ++m_fragmentId;
            shell.payload =
                FragmentPayload{QByteArray(reinterpret_cast<const char *>(&id), sizeof id), 0, 1,
                                level == 0 ? message.type : quint8(MessageType::Fragment), frame}
                    .encode();
            if (level + 1 == depth && (flags & P::Compress))
                shell = PacketCodec::withCompressedPayload(shell);
            frame = frameOf(shell);
        }
        h.deliver(h.anyLink(selector), frame);
    }

    void fragmented()
    {
        const quint8 selector = in.byte();
        const qsizetype chunk = Fragmenter::MinimumChunkSize + in.byte();
        const quint8 order = in.byte() % 4;
        const Packet message =
            honestMessage(0, Packet::DefaultTtl, QStringLiteral("long ").repeated(60 + order));
        h.recordHonest(message);
        const quint64 id = ++m_fragmentId;
        const auto pieces =
            Fragmenter::split(message, frameOf(message), chunk,
                              QByteArray(reinterpret_cast<const char *>(&id), sizeof id));
        if (!pieces)
            return;
        QList<Packet> sent = *pieces;
        if (order == 1)
            std::reverse(sent.begin(), sent.end());
        else if (order == 2)
            sent.removeLast(); // never completes: the stream must expire
        else if (order == 3)
            sent.append(sent); // every piece twice
        FuzzLink *link = h.anyLink(selector);
        for (const Packet &piece : std::as_const(sent))
            h.deliver(link, frameOf(piece));
    }

    RouterHarness &h;
    FuzzInput in;
    quint64 m_sequence = 0;
    qsizetype m_floodCursor = 0;
    quint64 m_fragmentId = 0;
    quint64 m_rotatingSender = 0;
};
} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication *app = new QCoreApplication(*argc, *argv);
    Q_UNUSED(app);
    // Refusals are logged at debug level and a few at warning: at fuzzing rates, keep stderr
    // for findings.
    QLoggingCategory::setFilterRules(QStringLiteral("*=false"));
    FuzzIdentities::strangerAnnounces(); // built once, before the first input is timed
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    {
        RouterHarness harness(__sanitizer_get_current_allocated_bytes());
        Interpreter(harness, QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)))
            .run();
    }
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    return 0;
}
