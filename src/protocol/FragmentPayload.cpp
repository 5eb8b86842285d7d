// SPDX-License-Identifier: GPL-3.0-or-later
#include "FragmentPayload.h"

#include <QtEndian>

#include "ByteReader.h"

QByteArray FragmentPayload::encode() const
{
    QByteArray bytes;
    bytes.reserve(HeaderSize + data.size());
    bytes.append(fragmentId.leftJustified(IdSize, '\0', true));
    uchar numbers[4];
    qToBigEndian(index, numbers);
    qToBigEndian(total, numbers + 2);
    bytes.append(reinterpret_cast<const char *>(numbers), 4);
    bytes.append(char(originalType));
    bytes.append(data);
    return bytes;
}

CodecResult<FragmentPayload> FragmentPayload::decode(QByteArrayView payload)
{
    ByteReader reader(payload);
    FragmentPayload fragment;
    QByteArrayView id;
    if (!reader.take(IdSize, id) || !reader.read(fragment.index) || !reader.read(fragment.total) ||
        !reader.read(fragment.originalType))
        return CodecError::Truncated;
    fragment.fragmentId = id.toByteArray();
    fragment.data = payload.sliced(reader.offset()).toByteArray();
    return fragment;
}
