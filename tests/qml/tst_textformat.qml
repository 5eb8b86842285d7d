// SPDX-License-Identifier: GPL-3.0-or-later
// TextFormat.js and Formats.js: UTF-8 sizes, HTML escaping, link detection, hop and time texts.
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
            { tag: "newline", text: "a\nb", html: "a<br>b" }
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
