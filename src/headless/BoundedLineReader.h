// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

/**
 * Splits a byte stream into '\n'-terminated lines of at most maxLineBytes() bytes each, holding
 * no more than that many bytes at any time. A longer line is refused as a whole: it yields one
 * refusal at the moment it crosses the limit, and everything after that up to its newline is
 * discarded (its tail is never a line of its own). A pure function of the bytes fed in, however
 * they are cut into chunks: no I/O, no event loop, no text decoding; the caller strips '\r'.
 *
 * Owns only its partial line.
 */
class BoundedLineReader
{
public:
    /** The headless console's limit: a line longer than this is not a chat message. */
    static constexpr qsizetype DefaultMaxLineBytes = 64 * 1024;

    /** One result: a complete line (without its '\n'), or the refusal of an over-long one. */
    struct Line
    {
        QByteArray bytes;     ///< empty when refused
        bool refused = false; ///< the line had more than maxLineBytes() bytes
        friend bool operator==(const Line &, const Line &) = default;
    };

    explicit BoundedLineReader(qsizetype maxLineBytes = DefaultMaxLineBytes);

    /** The lines and refusals completed by @p chunk, in input order. */
    QList<Line> feed(QByteArrayView chunk);
    /** End of input: the last line when it had no newline (nullopt if none, or it was refused). */
    std::optional<Line> finish();

    qsizetype maxLineBytes() const { return m_maxLineBytes; }
    /** Bytes of the current partial line held now; never more than maxLineBytes(). */
    qsizetype bufferedBytes() const { return m_partial.size(); }
    /** Over-long lines refused so far. */
    qint64 refusedCount() const { return m_refusedCount; }

private:
    qsizetype m_maxLineBytes;
    QByteArray m_partial;
    bool m_discarding = false; ///< inside a refused line: drop bytes up to its newline
    qint64 m_refusedCount = 0;
};
