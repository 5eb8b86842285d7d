// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/**
 * Initialises libsodium once; every class that calls into it calls this first. sodium_init()
 * is idempotent and thread-safe, so there is no global object to construct in main().
 * Returns false when libsodium cannot initialise (no entropy source).
 */
bool ensureSodium();
