// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include "CodecResult.h"
#include "Packet.h"

/**
 * Reads the hand-derived vectors of tests/data/vectors (written by derive_vectors.py from the
 * spec text, never by Meshcast's codec). A frame vector holds "fields" in the shape the
 * `meshcast packet` CLI uses, the wire "hex", and optionally "canonical_hex" (what an encoder
 * emits when it differs from the wire bytes), "padded_hex" and "signing_transcript".
 */
namespace TestVectors {
/** The "vectors" array of tests/data/vectors/@p file; empty (and a warning) if unreadable. */
QJsonArray load(const QString &file);
/** The vector named @p name in @p file, or an empty object. */
QJsonObject find(const QString &file, const QString &name);
/** The frame vectors of frames.json, padding.json and signing.json together. */
QJsonArray allFrames();
/** Hex text as bytes. */
QByteArray bytes(const QJsonValue &hex);
/** The packet a frame vector's "fields" describe, built field by field without the codec. */
Packet packet(const QJsonObject &vector);
/** What an encoder must emit for @p vector: "canonical_hex" if present, else "hex". */
QByteArray canonicalFrame(const QJsonObject &vector);

/** "ok", or the snake_case name of the error: a failure message that never asserts. */
template<typename T>
QByteArray outcome(const CodecResult<T> &result)
{
    return result.ok() ? QByteArrayLiteral("ok") : codecErrorName(result.error()).toUtf8();
}
} // namespace TestVectors
