// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <utility>
#include <variant>

#include "CodecError.h"

/**
 * A value or the CodecError that prevented it: what every decoder returns instead of throwing.
 * value() on an error (or error() on a value) is a programming mistake and asserts.
 */
template<typename T>
class CodecResult
{
public:
    CodecResult(T value)
        : m_state(std::move(value))
    {}
    CodecResult(CodecError error)
        : m_state(error)
    {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_state); }
    T &value() & { return std::get<T>(m_state); }
    T &&value() && { return std::get<T>(std::move(m_state)); }
    const T *operator->() const { return &value(); }
    const T &operator*() const & { return value(); }

    CodecError error() const { return std::get<CodecError>(m_state); }

private:
    std::variant<T, CodecError> m_state;
};
