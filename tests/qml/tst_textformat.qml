// SPDX-License-Identifier: GPL-3.0-or-later
// TextFormat.js and Formats.js: UTF-8 sizes, HTML escaping, link detection (peer markup never
// becomes a tag, only http(s) links open), hop and time texts.
import QtQuick
import QtTest
import "../../qml/TextFormat.js" as TextFormat
import "../../qml/Formats.js" as Formats

TestCase {
    name: "TextFormat"

    function test_utf8Length_data() {
        return [
            { tag: "empty", text: "", bytes: 0 },
            { tag: "ascii", text: "hello", bytes: 5 },
            { tag: "e acute", text: "é", bytes: 2 },
            { tag: "euro sign", text: "€", bytes: 3 },
            { tag: "emoji (surrogate pair)", text: "😀", bytes: 4 },
            { tag: "lone surrogate", text: "\ud800", bytes: 3 },
            { tag: "mixed", text: "añ€😀", bytes: 1 + 2 + 3 + 4 }
        ]
    }
    function test_utf8Length(data) {
        compare(TextFormat.utf8Length(data.text), data.bytes)
    }

    function test_linkify_data() {
        return [
            { tag: "plain", text: "hi", html: "hi" },
            { tag: "html is escaped", text: "<b>x</b> & 'q' \"d\"",
              html: "&lt;b&gt;x&lt;/b&gt; &amp; &#39;q&#39; &quot;d&quot;" },
            { tag: "url", text: "see https://example.org/a?b=1&c=2 now",
              html: "see <a href=\"https://example.org/a?b=1&amp;c=2\">https://example.org/a?b=1&amp;c=2</a> now" },
            { tag: "trailing punctuation", text: "(at http://x.org).",
              html: "(at <a href=\"http://x.org\">http://x.org</a>)." },
            { tag: "bare scheme is no link", text: "http://", html: "http://" },
            { tag: "javascript is no link", text: "javascript:alert(1)", html: "javascript:alert(1)" },
            { tag: "quote ends url", text: "https://a.org\"onclick=x",
              html: "<a href=\"https://a.org\">https://a.org</a>&quot;onclick=x" },
            { tag: "newline", text: "a\nb", html: "a<br>b" },
            { tag: "img is escaped", text: "<img src=\"http://127.0.0.1:9/x.png\">",
              html: "&lt;img src=&quot;<a href=\"http://127.0.0.1:9/x.png\">http://127.0.0.1:9/x.png</a>&quot;&gt;" },
            { tag: "tag ends url", text: "http://a.org/<img src=x>",
              html: "<a href=\"http://a.org/\">http://a.org/</a>&lt;img src=x&gt;" }
        ]
    }
    function test_linkify(data) {
        compare(TextFormat.linkify(data.text),
                "<span style=\"white-space: pre-wrap\">" + data.html + "</span>")
    }

    function test_linkifyColoursLinks() {
        compare(TextFormat.linkify("http://a.org x", Qt.color("#123456")),
                "<span style=\"white-space: pre-wrap\"><a href=\"http://a.org\" "
                + "style=\"color: #123456\">http://a.org</a> x</span>")
    }

    // Whatever a peer writes, the only tags in the result are linkify's own span, a and br.
    function test_linkifyAddsNoTagOfThePeers_data() {
        return [
            { tag: "img", text: "<img src=\"http://127.0.0.1:9/x.png\">" },
            { tag: "img in url", text: "https://a.org/\"><img src=//127.0.0.1:9/x.png>" },
            { tag: "style", text: "<style>body{background:url(http://127.0.0.1:9/)}</style>" },
            { tag: "entity", text: "&lt;img src=x&gt;" },
            { tag: "bold", text: "<b>bold</b>" },
            { tag: "nested quotes", text: "http://a.org/'\"<a href=javascript:x>" }
        ]
    }
    function test_linkifyAddsNoTagOfThePeers(data) {
        const html = TextFormat.linkify(data.text, Qt.color("#123456"))
        const own = html.replace(/<span style="white-space: pre-wrap">|<\/span>|<br>/g, "")
                        .replace(/<a href="[^"<>]*" style="color: #123456">|<\/a>/g, "")
        verify(own.indexOf("<") < 0 && own.indexOf(">") < 0, html)
        verify(html.indexOf("<img") < 0 && html.indexOf("<style") < 0, html)
    }

    function test_escapedHtmlMakesNoLinks() {
        compare(TextFormat.escapedHtml("<img src=x> http://a.org\nb"),
                "<span style=\"white-space: pre-wrap\">&lt;img src=x&gt; http://a.org<br>b</span>")
    }

    function test_isWebLink_data() {
        return [
            { tag: "https", link: "https://example.org/a", web: true },
            { tag: "http", link: "HTTP://example.org", web: true },
            { tag: "javascript", link: "javascript:alert(1)", web: false },
            { tag: "file", link: "file:///etc/passwd", web: false },
            { tag: "relative", link: "x.png", web: false },
            { tag: "bare scheme", link: "http://", web: false },
            { tag: "data", link: "data:text/html,<b>x</b>", web: false }
        ]
    }
    function test_isWebLink(data) {
        compare(TextFormat.isWebLink(data.link), data.web)
    }

    function test_hopsText() {
        compare(Formats.hopsText(0), "direct")
        compare(Formats.hopsText(1), "1 hop")
        compare(Formats.hopsText(3), "3 hops")
    }

    function test_agoText() {
        const now = new Date(2024, 0, 1, 12, 0, 0)
        compare(Formats.agoText(new Date(2024, 0, 1, 11, 59, 30), now), "just now")
        compare(Formats.agoText(new Date(2024, 0, 1, 11, 55, 0), now), "5 min ago")
        compare(Formats.agoText(new Date(2024, 0, 1, 9, 0, 0), now), "3 h ago")
        verify(Formats.agoText(new Date(2023, 11, 1), now).length > 0)
    }
}
