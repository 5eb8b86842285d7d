// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the TLV-8 and TLV-16 walkers (spec 01 §8) that announce and every later
// TLV payload are read with. A walk must stay inside the buffer, stop exactly at the end or at
// the first entry that overruns it, and what it yields must rebuild the bytes it walked.
#include <QByteArrayView>

#include <cstdint>

#include "FuzzCheck.h"
#include "TlvReader.h"
#include "TlvWriter.h"

using FuzzCheck::require;

namespace {
template<int LengthBytes>
void walk(QByteArrayView bytes)
{
    TlvReader<LengthBytes> reader(bytes);
    TlvWriter<LengthBytes> rebuilt;
    qsizetype entries = 0;
    while (reader.next()) {
        const QByteArrayView value = reader.value();
        require(value.data() >= bytes.data() &&
                    value.data() + value.size() <= bytes.data() + bytes.size(),
                "a TLV value lies inside its buffer");
        require(rebuilt.append(reader.type(), value), "a walked value fits its framing");
        ++entries;
    }
    require(entries <= bytes.size() / (1 + LengthBytes), "each entry costs its header");
    const QByteArray &prefix = rebuilt.data();
    require(bytes.startsWith(prefix), "the entries rebuild the bytes they came from");
    require(reader.failed() == (prefix.size() != bytes.size()),
            "a walk fails exactly when it does not reach the end");
    require(!reader.next(), "a finished walk stays finished");
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    walk<1>(bytes);
    walk<2>(bytes);
    return 0;
}
