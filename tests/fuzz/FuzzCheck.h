// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdio>
#include <cstdlib>
#include <cstring>

/**
 * How a fuzz target reports a broken invariant: it names the invariant on stderr and aborts, so
 * libFuzzer keeps the input as a crash artifact (crash-<sha1>) and the run fails.
 *
 * The router fuzzer's invariants carry a tag naming the defect class they catch (forgery,
 * takeover, replay, silencing, nesting, amplification, memory).
 * MESHCAST_FUZZ_TOLERATE="silencing,nesting" lets a developer keep fuzzing past a known, unfixed
 * defect to look for others; scripts/test never sets it, so CI enforces every invariant.
 */
namespace FuzzCheck {
inline void require(bool invariant, const char *what)
{
    if (invariant)
        return;
    std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
    std::abort();
}

/** True when MESHCAST_FUZZ_TOLERATE lists @p tag. */
inline bool tolerated(const char *tag)
{
    static const char *list = std::getenv("MESHCAST_FUZZ_TOLERATE");
    if (!list)
        return false;
    const std::size_t length = std::strlen(tag);
    for (const char *at = std::strstr(list, tag); at; at = std::strstr(at + 1, tag)) {
        const bool starts = at == list || at[-1] == ',';
        const bool ends = at[length] == '\0' || at[length] == ',';
        if (starts && ends)
            return true;
    }
    return false;
}

/** require(), unless the defect class @p tag is tolerated. */
inline void require(bool invariant, const char *tag, const char *what)
{
    if (invariant || tolerated(tag))
        return;
    std::fprintf(stderr, "fuzz invariant broken [%s]: %s\n", tag, what);
    std::abort();
}
} // namespace FuzzCheck
