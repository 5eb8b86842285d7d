// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <utility>
#include <variant>

/**
 * A value, or the error of type E that prevented it: what decoders and loaders return instead of
 * throwing. value() on an error (or error() on a value) is a programming mistake and asserts.
 * The protocol's CodecResult and the store's StoreResult are this with their own error types.
 */
template<typename T, typename E>
class Result
{
public:
    Result(T value)
        : m_state(std::in_place_index<0>, std::move(value))
    {}
    static Result failure(E error) { return Result(Failure{std::move(error)}); }

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_state); }
    T &value() & { return std::get<0>(m_state); }
    T &&value() && { return std::get<0>(std::move(m_state)); }
    const T *operator->() const { return &value(); }
    const T &operator*() const & { return value(); }

    const E &error() const { return std::get<1>(m_state).error; }

private:
    struct Failure
    {
        E error;
    };
    explicit Result(Failure failure)
        : m_state(std::in_place_index<1>, std::move(failure))
    {}

    std::variant<T, Failure> m_state;
};
