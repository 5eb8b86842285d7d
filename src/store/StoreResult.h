// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include "Result.h"

/**
 * A value or the human-readable reason it could not be had (already translated, fit to show the
 * user): what loading from disk returns instead of throwing. Build an error with
 * StoreResult<T>::failure(reason).
 */
template<typename T>
using StoreResult = Result<T, QString>;
