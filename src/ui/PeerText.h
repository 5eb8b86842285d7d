// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include "PeerId.h"

/**
 * How a string a peer chose (nickname, leave or close reason) is put in front of the user. The
 * window shows such strings as plain text only (issue 8 defect 11); this class makes sure they
 * cannot rearrange what surrounds them either, and tells namesakes apart (defect 12).
 *
 * - isolate(): the one place peer text is wrapped in Unicode bidi isolates (UAX #9 §2.4, FSI …
 *   PDI), so a right-to-left override in a nickname reorders only the nickname, never the words,
 *   times or suffixes that follow it on the line.
 * - collisionKey(): the form in which two nicknames count as the same, so anything that renders
 *   alike collides (the bitchat apps' PeerDisplayNameResolver folds the same way, plus invisible
 *   characters here).
 * - displayName(): the isolated nickname, with "#" and the first four hex digits of the peer ID
 *   when the name is ambiguous, as the bitchat apps show namesakes ("sam#1a2b").
 *
 * Stateless; owns nothing.
 */
class PeerText
{
public:
    /** Hex digits of the peer ID shown after an ambiguous name. */
    static constexpr int SuffixDigits = 4;

    /**
     * @p text between U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL ISOLATE. Inside,
     * line and paragraph breaks and other control characters become spaces (a paragraph break
     * would end the isolate early), a PDI without its own opener is dropped (it would close ours)
     * and openers the text leaves unclosed are closed before ours.
     */
    static QString isolate(const QString &text);
    /** Case-folded NFKC of @p nickname without format characters and with runs of spaces
     *  collapsed: "Sam", "ｓａｍ", "sam\u200B" and " sam" all give "sam". Never displayed. */
    static QString collisionKey(const QString &nickname);
    /** "#" and the first SuffixDigits hex digits of @p peer. */
    static QString suffix(const PeerId &peer);
    /**
     * isolate(@p nickname), followed by suffix(@p peer) when @p ambiguous or when the nickname
     * shows as nothing (its collision key is empty).
     */
    static QString displayName(const QString &nickname, const PeerId &peer, bool ambiguous);
    /**
     * @p text with every bidi formatting character (embeddings, overrides, isolates, marks)
     * written out as "<U+202E>": for the diagnostic log, where peer strings sit inside sentences
     * this class cannot isolate, and where seeing them is the point.
     */
    static QString revealBidiControls(const QString &text);
};
