// SPDX-License-Identifier: GPL-3.0-or-later
// fuzz_seeds <corpus dir>: writes the seed corpus of every fuzz target, corpus/<target>/<seed>,
// built with the protocol encoders and the router fuzzer's fixed identities, so the seeds are
// real frames and programs, reproducible byte for byte (Ed25519 and DEFLATE are deterministic;
// fragment IDs are fixed). Seeds named defect<N>-… reproduce issue 8's defects: each must run
// clean once its defect is fixed. Run through `scripts/fuzz --seeds`.
#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <cstdio>

#include "AnnouncePayload.h"
#include "FragmentPayload.h"
#include "Fragmenter.h"
#include "FuzzIdentities.h"
#include "PacketCodec.h"
#include "PacketSigner.h"
#include "RouterProgram.h"
#include "TlvWriter.h"

using namespace Qt::StringLiterals;

namespace {
QDir g_root;
int g_written = 0;

void write(const QString &target, const QString &name, const QByteArray &bytes)
{
    g_root.mkpath(target);
    QFile file(g_root.filePath(target + u'/' + name));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
        std::fprintf(stderr, "fuzz_seeds: cannot write %s\n", qPrintable(file.fileName()));
        std::exit(1);
    }
    ++g_written;
}

QByteArray wire(const Packet &packet)
{
    return PacketCodec::encodeForWire(packet).value();
}

QByteArray fixedId(quint8 n)
{
    return QByteArray(FragmentPayload::IdSize, char(n));
}

const Identity &honest()
{
    return FuzzIdentities::honest();
}

Packet honestMessage(const QString &text, qint64 atMs, quint8 version = 1, bool compress = false)
{
    return FuzzIdentities::message(honest(), text, FuzzIdentities::epochAt(atMs), version,
                                   compress);
}

/** @p inner wrapped in @p depth `total = 1` fragments, the outermost compressed (defect 1). */
QByteArray nested(const Packet &inner, int depth, bool compressOuter)
{
    QByteArray frame = PacketCodec::encode(inner).value();
    for (int level = 0; level < depth; ++level) {
        Packet shell;
        shell.version = 2;
        shell.type = quint8(MessageType::Fragment);
        shell.timestamp = inner.timestamp;
        shell.senderId = inner.senderId;
        shell.payload =
            FragmentPayload{fixedId(quint8(level)), 0, 1,
                            level == 0 ? inner.type : quint8(MessageType::Fragment), frame}
                .encode();
        if (compressOuter && level + 1 == depth)
            shell = PacketCodec::withCompressedPayload(shell);
        frame = PacketCodec::encode(shell).value();
    }
    return frame;
}

QList<QByteArray> fragmentsOf(const Packet &packet, qsizetype chunk, quint8 id)
{
    const QList<Packet> pieces =
        Fragmenter::split(packet, wire(packet), chunk, fixedId(id)).value();
    QList<QByteArray> frames;
    for (const Packet &piece : pieces)
        frames.append(wire(piece));
    return frames;
}

AnnouncePayload richAnnounce()
{
    AnnouncePayload announce;
    announce.nickname = u"hönest \u202Egnp.exe"_s;
    announce.noisePublicKey = honest().noise().publicKey();
    announce.signingPublicKey = honest().signing().publicKey();
    announce.directNeighbors = {FuzzIdentities::self().peerId(),
                                FuzzIdentities::attacker().peerId()};
    announce.capabilities = PeerCapabilities(0x5F3);
    announce.bridgeGeohash = u"u4pruydq"_s;
    return announce;
}

void protocolSeeds()
{
    const Packet announce =
        FuzzIdentities::announce(honest(), u"honest"_s, FuzzIdentities::epochAt(1));
    const Packet hello = honestMessage(u"hello mesh"_s, 2);
    const Packet longV2 =
        honestMessage(u"a longer line that compresses "_s.repeated(10), 3, 2, true);
    Packet directed = longV2;
    directed.type = quint8(MessageType::NoiseEncrypted);
    directed.recipientId = FuzzIdentities::self().peerId();
    directed.route = QList<PeerId>{FuzzIdentities::attacker().peerId(), honest().peerId()};
    directed.signature.reset();
    Packet leave;
    leave.type = quint8(MessageType::Leave);
    leave.timestamp = FuzzIdentities::epochAt(4);
    leave.senderId = honest().peerId();
    leave = PacketSigner::sign(leave, honest().signing()).value();

    write(u"packet"_s, u"announce-v1"_s, wire(announce));
    write(u"packet"_s, u"message-v1"_s, wire(hello));
    write(u"packet"_s, u"message-v2-compressed"_s, wire(longV2));
    write(u"packet"_s, u"noise-v2-routed-padded"_s, wire(directed));
    write(u"packet"_s, u"leave-v1"_s, wire(leave));
    write(u"packet"_s, u"fragment-v1"_s, fragmentsOf(longV2, 64, 1).first());
    write(u"packet"_s, u"defect1-nested-fragment"_s, nested(hello, 8, true));

    write(u"announce"_s, u"minimal"_s, announce.payload);
    write(u"announce"_s, u"rich"_s, richAnnounce().encode().value());
    write(u"tlv"_s, u"announce-tlv8"_s, richAnnounce().encode().value());
    Tlv16Writer tlv16;
    tlv16.append(0x01, QByteArray(300, 'x'));
    tlv16.append(0x02, {});
    tlv16.append(0xFF, "tail");
    write(u"tlv"_s, u"tlv16"_s, tlv16.data());

    write(u"public_message"_s, u"ascii"_s, "hello mesh");
    write(u"public_message"_s, u"multilingual"_s, u"grüße, 你好, مرحبا 👋"_s.toUtf8());
    write(u"public_message"_s, u"bidi-and-markup"_s,
          u"\u202Egnp.exe <img src=\"http://127.0.0.1/x.png\"><b>bold</b>"_s.toUtf8());
}

void fragmentSeeds()
{
    // FragmentFuzzer steps: 0 frame (u16 length, bytes), 1 bare payload, 2 advance (u16 ms).
    const auto frameStep = [](const QByteArray &frame) {
        QByteArray step(1, '\0');
        step.append(char(frame.size() >> 8)).append(char(frame.size() & 0xFF)).append(frame);
        return step;
    };
    const Packet text = honestMessage(u"fragmented "_s.repeated(40), 5);
    QByteArray inOrder;
    QByteArray reversed;
    const QList<QByteArray> pieces = fragmentsOf(text, 64, 2);
    for (const QByteArray &piece : pieces)
        inOrder.append(frameStep(piece));
    for (auto it = pieces.crbegin(); it != pieces.crend(); ++it)
        reversed.append(frameStep(*it));
    write(u"fragment"_s, u"in-order"_s, inOrder);
    write(u"fragment"_s, u"reversed-then-stall"_s, reversed + QByteArray("\x02\x75\x30", 3));
    write(u"fragment"_s, u"defect1-nested-8"_s, frameStep(nested(text, 8, true)));
    QByteArray bare("\x01\x07", 2);
    const QByteArray payload = FragmentPayload{fixedId(3), 0, 1, 0x02, "x"}.encode();
    bare.append(char(0)).append(char(payload.size())).append(payload);
    write(u"fragment"_s, u"bare-payload"_s, bare);
}

void linkSeeds()
{
    // WebSocketInputFuzzer: u16 max frame size, then events 0 binary (u16), 1 text (u16),
    // 2 disconnect (u16 code, reason length, reason, error flag, error length, error).
    QByteArray events("\x02\x00", 2); // frames up to 512 bytes
    events.append("\x00\x01\xf4", 3); // a 500-byte frame
    events.append("\x00\x02\x01", 3); // 513 bytes: too large
    events.append("\x01\x00\x05", 3); // a text message
    events.append("\x02\x03\xea\x04"
                  "bye!\x00",
                  9); // 1002 "bye!", no socket error
    write(u"websocket_input"_s, u"mixed"_s, events);

    // LineReaderFuzzer: limit byte, then (chunk length − 1, chunk) pairs.
    const QByteArray stream = "hello\n" + QByteArray(80, 'A') + "\ntail after\n/quit\n";
    QByteArray chunks(1, char(63));
    for (qsizetype at = 0; at < stream.size(); at += 16) {
        const QByteArray chunk = stream.mid(at, 16);
        chunks.append(char(chunk.size() - 1)).append(chunk);
    }
    write(u"line_reader"_s, u"defect9-over-long-line"_s, chunks);
}

void routerSeeds()
{
    using P = RouterProgram;
    write(u"router"_s, u"honest-chat"_s,
          P().op(P::HonestAnnounce)
              .byte(7)
              .op(P::HonestMessage)
              .byte(P::Deliver)
              .byte(7)
              .byte(5)
              .bytes("hello")
              .op(P::Advance)
              .u16(300)
              .op(P::OpenLink)
              .byte(200)
              .op(P::Echo)
              .byte(1)
              .byte(0)
              .byte(0)
              .op(P::Fragmented)
              .byte(0)
              .byte(0)
              .byte(1)
              .op(P::HonestLeave)
              .byte(7)
              .data());
    write(u"router"_s, u"attacker-chatter"_s,
          P().op(P::AttackerAnnounce)
              .byte(1)
              .byte(7)
              .op(P::AttackerSigned)
              .byte(1)
              .byte(0x02)
              .byte('a')
              .byte(10)
              .byte(0)
              .op(P::Frame)
              .byte(1)
              .u16(4)
              .bytes("\x01\x02\x07\x00")
              .op(P::ForgeMessage)
              .byte(1)
              .byte(4)
              .bytes("coin")
              .op(P::Advance)
              .u16(0x8000 | 3000)
              .op(P::CloseLink)
              .byte(1)
              .data());
    // Defect 1: a fragment whose reassembled packet is a fragment, eight levels deep.
    write(u"router"_s, u"defect1-nested-fragments"_s,
          P().op(P::HonestAnnounce).byte(7).op(P::Nest).byte(1).byte(7).byte(P::Compress).data());
    write(u"router"_s, u"defect1-nested-bomb-frame"_s,
          P().frame(1, nested(honestMessage(u"bomb"_s, 0), 600, true)).data());
    // Defect 2: flood the peer table past its bindings, then announce the honest ID with the
    // attacker's signing key and speak in its name.
    write(u"router"_s, u"defect2-takeover-by-eviction"_s,
          P().op(P::HonestAnnounce)
              .byte(7)
              .op(P::Advance)
              .u16(1000)
              .op(P::StrangerFlood)
              .byte(1)
              .byte(255)
              .op(P::Impersonate)
              .byte(1)
              .byte(6)
              .op(P::ForgeMessage)
              .byte(1)
              .byte(6)
              .bytes("coins?")
              .data());
    // Defect 3: a copy with its signature zeroed arrives first; the genuine one must still show.
    write(u"router"_s, u"defect3-stripped-copy"_s,
          P().op(P::HonestAnnounce)
              .byte(7)
              .op(P::HonestMessage)
              .byte(0)
              .byte(7)
              .byte(5)
              .bytes("hello")
              .op(P::StripSignature)
              .byte(1)
              .byte(1)
              .byte(0)
              .op(P::Replay)
              .byte(0)
              .byte(1)
              .byte(7)
              .data());
    // Defect 6: messages and an announce inflating to 2 MiB from a few KiB on the wire.
    P amplification;
    amplification.op(P::AttackerAnnounce).byte(1).byte(7);
    for (int i = 0; i < 30; ++i)
        amplification.op(P::AttackerSigned)
            .byte(1)
            .byte(0x02)
            .byte('z')
            .byte(21)
            .byte(P::AttackerV2 | P::AttackerCompress);
    amplification.op(P::AttackerSigned)
        .byte(1)
        .byte(0x01)
        .byte(0)
        .byte(21)
        .byte(P::AttackerV2 | P::AttackerCompress);
    write(u"router"_s, u"defect6-compression-amplification"_s, amplification.data());
    // Defect 8: unknown types from a new sender ID each time, relayed to every other link.
    P rotating;
    rotating.op(P::OpenLink).byte(24).op(P::OpenLink).byte(24);
    for (int i = 0; i < 250; ++i)
        rotating.op(P::AttackerSigned).byte(1).byte(0x7E).byte('r').byte(10).byte(P::RotateSender);
    rotating.op(P::Advance).u16(300);
    write(u"router"_s, u"defect8-rotating-senders"_s, rotating.data());
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: fuzz_seeds <tests/fuzz/corpus>\n");
        return 2;
    }
    g_root = QDir(QString::fromLocal8Bit(argv[1]));
    protocolSeeds();
    fragmentSeeds();
    linkSeeds();
    routerSeeds();
    std::printf("fuzz_seeds: wrote %d seeds under %s\n", g_written, argv[1]);
    return 0;
}
