// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the headless line reader (`meshcast --headless` stdin, issue 8 defect 9),
// checked against a model. Each input is a line limit and a byte stream cut into chunks, both
// taken from the input; the chunks are fed as reads from stdin would arrive, then input ends.
// Whatever the cuts: every line within the limit comes out whole and in order, every line over
// it is refused once and no part of it — head or tail — ever comes out as a line. Lines are
// compared as read ('\r' included: HeadlessConsole strips it); empty lines may go either way.
//
#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <cstdint>

#include "BoundedLineReader.h"
#include "FuzzCheck.h"
#include "FuzzInput.h"

using FuzzCheck::require;

namespace {
/** The only place that knows BoundedLineReader's API. */
class ReaderUnderTest
{
public:
    explicit ReaderUnderTest(qsizetype maxLineBytes)
        : m_reader(maxLineBytes)
    {}

    void feed(QByteArrayView chunk)
    {
        for (const BoundedLineReader::Line &line : m_reader.feed(chunk))
            take(line);
        require(m_reader.bufferedBytes() <= m_reader.maxLineBytes(), "the reader stays bounded");
    }
    void finish()
    {
        if (const auto last = m_reader.finish())
            take(*last);
    }

    QList<QByteArray> lines;
    int refused = 0;

private:
    void take(const BoundedLineReader::Line &line)
    {
        if (line.refused)
            ++refused;
        else
            lines.append(line.bytes);
    }

    BoundedLineReader m_reader;
};

/** What the reader must produce for @p stream: the lines within the limit, and the others. */
struct Expected
{
    QList<QByteArray> lines;          ///< strictly shorter than the limit: must come out
    QList<QByteArray> overLimit;      ///< strictly longer: must be refused
    QList<QByteArray> exactlyAtLimit; ///< either, but each exactly once
};

Expected model(const QByteArray &stream, qsizetype maxLineBytes)
{
    Expected expected;
    QList<QByteArray> parts = stream.split('\n');
    if (!parts.isEmpty() && parts.last().isEmpty())
        parts.removeLast(); // the stream ended with a newline: no unfinished line
    for (const QByteArray &line : std::as_const(parts)) {
        if (line.isEmpty())
            continue; // an empty line may or may not come out: it is never a message
        if (line.size() < maxLineBytes)
            expected.lines.append(line);
        else if (line.size() > maxLineBytes)
            expected.overLimit.append(line);
        else
            expected.exactlyAtLimit.append(line);
    }
    return expected;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput input(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    const qsizetype maxLineBytes = 1 + input.byte() % 64; // small, so over-long lines are common
    ReaderUnderTest reader(maxLineBytes);
    QByteArray stream;
    while (!input.atEnd()) {
        const QByteArrayView chunk = input.bytes(1 + input.byte() % 32);
        stream.append(chunk);
        reader.feed(chunk);
    }
    reader.finish();

    const Expected expected = model(stream, maxLineBytes);
    for (const QByteArray &line : std::as_const(reader.lines)) {
        require(!line.contains('\n'), "a line holds no newline");
        require(line.size() <= maxLineBytes, "no line over the limit comes out");
    }
    // Lines at exactly the limit may go either way; every other line has one fixed fate.
    QList<QByteArray> out = reader.lines;
    out.removeIf([](const QByteArray &line) { return line.isEmpty(); });
    qsizetype atLimitOut = 0;
    out.removeIf([&](const QByteArray &line) {
        const bool atLimit = line.size() == maxLineBytes;
        atLimitOut += atLimit;
        return atLimit;
    });
    require(out.size() == expected.lines.size(),
            "every line within the limit comes out, nothing else");
    require(out == expected.lines, "lines come out whole and in order");
    require(reader.refused + atLimitOut ==
                expected.overLimit.size() + expected.exactlyAtLimit.size(),
            "each over-long line is refused exactly once");
    require(atLimitOut <= expected.exactlyAtLimit.size(), "no line comes out twice");
    return 0;
}
