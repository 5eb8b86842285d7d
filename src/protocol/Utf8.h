// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

/** Strict UTF-8 helpers shared by the payload codecs. */
namespace Utf8 {
/** @p bytes as text, or nullopt when they are not valid UTF-8. */
std::optional<QString> decode(QByteArrayView bytes);
/** @p text as UTF-8, cut to at most @p maxBytes without splitting a character. */
QByteArray encodeTruncated(const QString &text, qsizetype maxBytes);
} // namespace Utf8
