# SPDX-License-Identifier: GPL-3.0-or-later
# AddressSanitizer + UndefinedBehaviorSanitizer over every target of the tree, for two builds:
#   -DMESHCAST_SANITIZE=ON  the non-GUI tests under ASan/UBSan (scripts/test --sanitize, build-asan/)
#   -DMESHCAST_FUZZ=ON      the libFuzzer targets (scripts/fuzz, build-fuzz/, clang only), where every
#                           library is also instrumented for coverage so the fuzzers see into it.
# Any UBSan report aborts (no recovery), so a test or fuzz run fails on it rather than printing it.
# Qt itself is not instrumented: only our code and the Qt inlines it compiles are checked.
if(MESHCAST_SANITIZE OR MESHCAST_FUZZ)
    add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all
        -fno-omit-frame-pointer)
    add_link_options(-fsanitize=address,undefined)
endif()
if(MESHCAST_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "MESHCAST_FUZZ needs clang++ (libFuzzer)")
    endif()
    add_compile_options(-fsanitize=fuzzer-no-link)
endif()
