// SPDX-License-Identifier: GPL-3.0-or-later
#include "BoundedLineReader.h"

#include <algorithm>

BoundedLineReader::BoundedLineReader(qsizetype maxLineBytes)
    : m_maxLineBytes(std::max<qsizetype>(maxLineBytes, 1))
{}

QList<BoundedLineReader::Line> BoundedLineReader::feed(QByteArrayView chunk)
{
    QList<Line> lines;
    while (!chunk.isEmpty()) {
        const qsizetype newline = chunk.indexOf('\n');
        const QByteArrayView piece = newline < 0 ? chunk : chunk.first(newline);
        chunk = newline < 0 ? QByteArrayView() : chunk.sliced(newline + 1);
        if (!m_discarding) {
            if (m_partial.size() + piece.size() > m_maxLineBytes) {
                // Refused once, now: the tail that follows is dropped, not taken for a new line.
                m_partial.clear();
                m_discarding = true;
                ++m_refusedCount;
                lines.append({{}, true});
            } else {
                m_partial.append(piece);
            }
        }
        if (newline >= 0) {
            if (!m_discarding)
                lines.append({std::exchange(m_partial, {}), false});
            m_discarding = false;
        }
    }
    return lines;
}

std::optional<BoundedLineReader::Line> BoundedLineReader::finish()
{
    const bool hadLine = !m_discarding && !m_partial.isEmpty();
    m_discarding = false;
    if (!hadLine)
        return std::nullopt;
    return Line{std::exchange(m_partial, {}), false};
}
