// SPDX-License-Identifier: GPL-3.0-or-later
// Pure text helpers for the chat window: UTF-8 sizes and safe rich text for user messages.
// Peer text becomes markup only here (issue 8 defect 11): linkify() escapes all of it first, then
// adds <a> tags for http(s) URLs and nothing else — no <img>, no styles that load anything — so
// nothing a peer writes is interpreted, and nothing in the window fetches a remote resource.
.pragma library

// Number of bytes `text` takes in UTF-8, as QString::toUtf8() counts it (a lone surrogate
// becomes U+FFFD, 3 bytes).
function utf8Length(text) {
    let bytes = 0
    for (let i = 0; i < text.length; ++i) {
        const unit = text.charCodeAt(i)
        if (unit < 0x80) {
            bytes += 1
        } else if (unit < 0x800) {
            bytes += 2
        } else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length
                   && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff) {
            bytes += 4
            ++i
        } else {
            bytes += 3
        }
    }
    return bytes
}

// `text` with every character that means something in HTML replaced by its entity.
function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
               .replace(/"/g, "&quot;").replace(/'/g, "&#39;")
}

// http(s) URLs; trailing punctuation that usually ends a sentence is trimmed in urlEnd().
const urlPattern = /https?:\/\/[^\s<>"'`]+/gi

function urlEnd(url) {
    let end = url.length
    while (end > 0) {
        const last = url.charAt(end - 1)
        const unbalancedParen = last === ")" && url.lastIndexOf("(", end - 1) < 0
        if (".,;:!?".indexOf(last) < 0 && !unbalancedParen)
            break
        --end
    }
    return end
}

// Rich text showing `text` exactly as written, with no links: for system rows, so a nickname
// or reason never becomes something to click. Line breaks and runs of spaces are kept.
function escapedHtml(text) {
    return "<span style=\"white-space: pre-wrap\">"
           + escapeHtml(text).replace(/\r?\n/g, "<br>") + "</span>"
}

// True for the only links the chat opens: absolute http(s) URLs (clicked by the user).
function isWebLink(link) {
    return /^https?:\/\/[^\s]+$/i.test(String(link))
}

// Rich text for a user message: HTML in `text` is escaped (shown literally), http and https
// URLs become anchors (in `linkColor` when given, e.g. palette.link, so a palette change
// restyles them), line breaks and runs of spaces are kept. Only http(s) links are made, so a
// message cannot smuggle javascript: or file: targets.
function linkify(text, linkColor) {
    const style = linkColor ? " style=\"color: " + escapeHtml(String(linkColor)) + "\"" : ""
    let html = ""
    let done = 0
    urlPattern.lastIndex = 0
    let match
    while ((match = urlPattern.exec(text)) !== null) {
        const url = match[0].substring(0, urlEnd(match[0]))
        if (/^https?:\/\/$/i.test(url))
            continue
        html += escapeHtml(text.substring(done, match.index))
        const escaped = escapeHtml(url)
        html += "<a href=\"" + escaped + "\"" + style + ">" + escaped + "</a>"
        done = match.index + url.length
    }
    html += escapeHtml(text.substring(done))
    html = html.replace(/\r?\n/g, "<br>")
    return "<span style=\"white-space: pre-wrap\">" + html + "</span>"
}
