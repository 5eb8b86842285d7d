// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: fragment payloads and their reassembly (spec 02 §3), nesting included. Each
// input is a sequence of steps — a whole frame as a link delivers it, a bare fragment payload,
// or time passing — run against one small reassembler. A frame that completes a stream is decoded
// and fed back the way MeshRouter does (same sender required), so a reassembled frame that is
// itself a fragment goes into the same reassembler: nested reassembly, followed iteratively up to
// MaxNesting levels. Throughout, the reassembler must stay within its guards and the bytes live
// while one frame is processed within a fixed budget, however deep the nesting.
//
// The router's own rule (issue 8, defect 1: a reassembled packet is never itself a fragment) is
// checked against the real MeshRouter by router_fuzzer; this target checks that the protocol
// layer beneath it stays bounded whatever the nesting.
#include <QByteArrayView>
#include <QList>

#include <sanitizer/allocator_interface.h>

#include <cstdint>

#include "FragmentPayload.h"
#include "FragmentReassembler.h"
#include "FuzzCheck.h"
#include "FuzzInput.h"
#include "PacketCodec.h"

using FuzzCheck::require;

namespace {
constexpr qsizetype DecompressionLimit = 256 * 1024;
constexpr int MaxNesting = 64;
const FragmentReassembler::Limits Guards{4, 16 * 1024, 10000, 30000};
// Live bytes while one frame and everything nested in it is processed: the reassembler's budget,
// two decoded levels at the decompression limit (the one in hand and the one it came from) and
// room for the containers around them.
constexpr size_t LiveBudget = size_t(16 * 1024 + 2 * DecompressionLimit + 512 * 1024);

enum Step : quint8
{
    Frame,    ///< u16 length, then a frame as a link delivers it
    Fragment, ///< sender byte, u16 length, then a bare fragment payload
    Advance,  ///< u16 milliseconds
    StepCount,
};

struct Run
{
    FragmentReassembler reassembler{Guards};
    PacketCodec codec{nullptr, PacketCodec::Limits{DecompressionLimit, {}}};
    qint64 nowMs = 0;
    size_t baseline = 0;

    void checkGuards() const
    {
        require(reassembler.bufferedBytes() >= 0 &&
                    reassembler.bufferedBytes() <= Guards.maxBufferedBytes,
                "reassembler within its byte budget");
        require(reassembler.streamCount() <= Guards.maxStreams, "reassembler within its streams");
        require(__sanitizer_get_current_allocated_bytes() <= baseline + LiveBudget,
                "live bytes within budget while reassembling");
    }

    /** Adds one fragment; returns the frame it completed, if any. */
    std::optional<QByteArray> add(const PeerId &sender, const FragmentPayload &fragment)
    {
        const auto result = reassembler.add(sender, fragment, nowMs);
        checkGuards();
        if (!result || !result->has_value())
            return std::nullopt;
        const auto &done = result->value();
        require(done.sender == sender, "a stream completes for its own sender");
        require(done.originalType == fragment.originalType, "a stream keeps its original type");
        require(done.frame.size() <= Guards.maxBufferedBytes,
                "a reassembled frame fits the budget");
        return done.frame;
    }

    /**
     * A frame from a link (no @p reassembledFrom) or one a stream of @p reassembledFrom just
     * completed, and every frame nested in it, without recursion.
     */
    void deliver(QByteArrayView frame, std::optional<PeerId> reassembledFrom = std::nullopt)
    {
        std::optional<QByteArray> next = frame.toByteArray();
        std::optional<PeerId> expectedSender = reassembledFrom;
        for (int depth = 0; next && depth <= MaxNesting; ++depth) {
            const auto packet = codec.decode(*next);
            next.reset();
            if (!packet || (expectedSender && packet->senderId != *expectedSender))
                return; // the router refuses a reassembled packet from another sender
            if (packet->messageType() != MessageType::Fragment)
                return;
            const auto fragment = FragmentPayload::decode(packet->payload);
            if (!fragment)
                return;
            require(fragment->data.size() == packet->payload.size() - FragmentPayload::HeaderSize,
                    "a fragment's data is its payload past the header");
            expectedSender = packet->senderId;
            next = add(packet->senderId, *fragment);
        }
    }
};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput input(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    Run run;
    run.baseline = __sanitizer_get_current_allocated_bytes();
    while (!input.atEnd()) {
        switch (input.byte() % StepCount) {
        case Frame:
            run.deliver(input.bytes(input.u16()));
            break;
        case Fragment: {
            PeerId sender = *PeerId::fromBytes(QByteArray(PeerId::Size, char(input.byte())));
            if (const auto fragment = FragmentPayload::decode(input.bytes(input.u16()))) {
                if (const auto frame = run.add(sender, *fragment))
                    run.deliver(*frame, sender);
            }
            break;
        }
        case Advance:
            run.nowMs += input.u16();
            run.reassembler.expireStalled(run.nowMs);
            run.checkGuards();
            break;
        }
    }
    return 0;
}
