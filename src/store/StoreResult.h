// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <utility>
#include <variant>

#include <QString>

/**
 * A value or the human-readable reason it could not be had (already translated, fit to show the
 * user): what loading from disk returns instead of throwing. value() on an error (or error() on a
 * value) is a programming mistake and asserts.
 */
template<typename T>
class StoreResult
{
public:
    StoreResult(T value)
        : m_state(std::move(value))
    {}
    static StoreResult failure(QString reason) { return StoreResult(Failure{std::move(reason)}); }

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_state); }
    T &value() & { return std::get<T>(m_state); }
    T &&value() && { return std::get<T>(std::move(m_state)); }
    const T *operator->() const { return &value(); }
    const T &operator*() const & { return value(); }

    const QString &error() const { return std::get<Failure>(m_state).reason; }

private:
    struct Failure
    {
        QString reason;
    };
    explicit StoreResult(Failure failure)
        : m_state(std::move(failure))
    {}

    std::variant<T, Failure> m_state;
};
