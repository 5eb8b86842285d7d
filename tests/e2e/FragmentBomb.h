// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include "PeerId.h"

/**
 * The nested fragment bomb of issue 8, attack 1: one frame holding a `fragment` with total = 1
 * whose data is another such fragment, and so on, around an innermost unknown-type packet whose
 * zeros fill the rest. The outer payload is compressed, so a frame that fits a link inflates to
 * nearly the decompression limit, and a receiver that decodes each reassembled level as a new
 * packet copies that much once per level. A plain builder; every level claims one sender, as
 * reassembly requires.
 */
class FragmentBomb
{
public:
    /** A bomb frame of at most @p maxFrameBytes whose outer payload is ≈ @p inflatedBytes. */
    static QByteArray build(const PeerId &sender, qsizetype maxFrameBytes, qsizetype inflatedBytes,
                            int *depth = nullptr);
    /** The bomb frame with exactly @p depth levels inside the outer fragment. */
    static QByteArray withDepth(const PeerId &sender, qsizetype inflatedBytes, int depth);
};
