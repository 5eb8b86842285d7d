// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>

#include "PeerId.h"

/**
 * The colour a peer's nickname is drawn in: derived from its peer ID alone, so it is the same in
 * every view, on every run and on every Meshcast node, and readable on light and dark palettes.
 */
class PeerColor
{
public:
    static QColor of(const PeerId &peer);
};
