// SPDX-License-Identifier: GPL-3.0-or-later
#include "PeerText.h"

#include <QList>

namespace {
// UAX #9 explicit formatting characters (§2.1–2.6).
constexpr char16_t Lre = 0x202A, Rle = 0x202B, Pdf = 0x202C, Lro = 0x202D, Rlo = 0x202E;
constexpr char16_t Lri = 0x2066, Rli = 0x2067, Fsi = 0x2068, Pdi = 0x2069;
constexpr char16_t Lrm = 0x200E, Rlm = 0x200F, Alm = 0x061C;

bool isIsolateOpener(char16_t unit)
{
    return unit == Lri || unit == Rli || unit == Fsi;
}

bool isEmbeddingOpener(char16_t unit)
{
    return unit == Lre || unit == Rle || unit == Lro || unit == Rlo;
}

bool isBidiControl(char16_t unit)
{
    return isEmbeddingOpener(unit) || unit == Pdf || isIsolateOpener(unit) || unit == Pdi ||
           unit == Lrm || unit == Rlm || unit == Alm;
}

// Characters that end a line or paragraph, or are controls with no glyph: in a nickname they
// would end the isolate (UAX #9 BD9 stops at a paragraph separator) or break the row.
bool breaksLine(QChar c)
{
    return c.direction() == QChar::DirB || c.direction() == QChar::DirS ||
           c.category() == QChar::Separator_Line || c.category() == QChar::Separator_Paragraph ||
           c.category() == QChar::Other_Control;
}
} // namespace

QString PeerText::isolate(const QString &text)
{
    QString out;
    out.reserve(text.size() + 2);
    out += QChar(Fsi);
    // Embeddings still open, per isolate level: level 0 is ours. A PDI closes the embeddings
    // opened inside its isolate (UAX #9 X6a); they are closed explicitly as well, so a renderer
    // that lacks X6a still cannot leak an override past the nickname. Never recursive; at most
    // one entry per character of @p text.
    QList<int> openEmbeddings{0};
    for (const QChar c : text) {
        const char16_t unit = c.unicode();
        if (isIsolateOpener(unit)) {
            openEmbeddings.append(0);
            out += c;
        } else if (unit == Pdi) {
            if (openEmbeddings.size() == 1)
                continue; // no opener of its own: it would close ours
            out += QString(openEmbeddings.takeLast(), QChar(Pdf));
            out += c;
        } else if (isEmbeddingOpener(unit)) {
            ++openEmbeddings.last();
            out += c;
        } else if (unit == Pdf) {
            if (openEmbeddings.last() == 0)
                continue; // nothing inside this isolate to close
            --openEmbeddings.last();
            out += c;
        } else if (breaksLine(c)) {
            out += QLatin1Char(' ');
        } else {
            out += c;
        }
    }
    while (openEmbeddings.size() > 1) {
        out += QString(openEmbeddings.takeLast(), QChar(Pdf));
        out += QChar(Pdi);
    }
    out += QString(openEmbeddings.constLast(), QChar(Pdf));
    out += QChar(Pdi);
    return out;
}

QString PeerText::collisionKey(const QString &nickname)
{
    const QString compatible = nickname.normalized(QString::NormalizationForm_KC);
    QString visible;
    visible.reserve(compatible.size());
    for (const char32_t codePoint : compatible.toUcs4()) {
        // Zero-width spaces and joiners, bidi controls, tags: they change no glyph.
        if (QChar::category(codePoint) == QChar::Other_Format)
            continue;
        visible += QChar::fromUcs4(codePoint);
    }
    return visible.toCaseFolded().normalized(QString::NormalizationForm_KC).simplified();
}

QString PeerText::suffix(const PeerId &peer)
{
    return QLatin1Char('#') + peer.toHex().left(SuffixDigits);
}

QString PeerText::displayName(const QString &nickname, const PeerId &peer, bool ambiguous)
{
    if (ambiguous || collisionKey(nickname).isEmpty())
        return isolate(nickname) + suffix(peer);
    return isolate(nickname);
}

QString PeerText::revealBidiControls(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (isBidiControl(c.unicode()))
            out += QStringLiteral("<U+%1>").arg(c.unicode(), 4, 16, QLatin1Char('0')).toUpper();
        else
            out += c;
    }
    return out;
}
