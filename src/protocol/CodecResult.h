// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CodecError.h"
#include "Result.h"

/**
 * A value or the CodecError that prevented it: what every decoder returns instead of throwing.
 * Converts from either, so a decoder can `return packet;` or `return CodecError::Truncated;`.
 */
template<typename T>
class CodecResult : public Result<T, CodecError>
{
    using Base = Result<T, CodecError>;

public:
    using Base::Base;
    CodecResult(CodecError error)
        : Base(Base::failure(error))
    {}
};
