// SPDX-License-Identifier: GPL-3.0-or-later
#include "Sodium.h"

#include <sodium.h>

bool ensureSodium()
{
    static const bool initialised = sodium_init() >= 0;
    return initialised;
}
