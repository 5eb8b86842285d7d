// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>

#include "FuzzCheck.h"

/**
 * Measures how deep the stack goes while the router handles one frame, to catch recursion on
 * peer data (issue 8, defect 1) long before it overflows. arm() marks the frame the harness
 * delivers from; every hook the router calls back into (the clock, a link's send, the harness's
 * signal slots) calls check(), which records the deepest point seen and fails the input (tag
 * "nesting") as soon as it passes Limit — before a recursion has the time to exhaust memory. One
 * frame's handling needs about 5 KiB under ASan (measured over the seed corpus); the recursion
 * of defect 1 adds about 1 KiB per nested fragment, so Limit trips at some twenty levels.
 */
class StackProbe
{
public:
    static constexpr std::size_t Limit = 32 * 1024;

    static void arm()
    {
        s_base = address();
        s_deepest = 0;
    }
    static void disarm() { s_base = 0; }
    static void check()
    {
        if (s_base == 0)
            return;
        const std::uintptr_t here = address();
        if (here < s_base && s_base - here > s_deepest) {
            s_deepest = s_base - here;
            FuzzCheck::require(s_deepest <= Limit, "nesting",
                               "handling one frame stays shallow: no recursion on peer data");
        }
    }
    /** Bytes between the armed frame and the deepest check() since arm(). */
    static std::size_t deepest() { return s_deepest; }

private:
    // The stack grows down on every platform this builds on (x86-64, AArch64).
    [[gnu::noinline]] static std::uintptr_t address()
    {
        return reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
    }

    static inline std::uintptr_t s_base = 0;
    static inline std::size_t s_deepest = 0;
};
