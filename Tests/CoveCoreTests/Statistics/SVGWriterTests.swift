import Foundation
import Testing
@testable import CoveCore

@Suite("SVG writer")
struct SVGWriterTests {
    @Test func escapesTheFiveSpecialCharacters() {
        #expect(SVGWriter.escape(#"a&b<c>d"e'f"#) == "a&amp;b&lt;c&gt;d&quot;e&apos;f")
    }

    @Test func dropsControlCharactersXMLForbidsAndKeepsWhitespace() {
        #expect(SVGWriter.escape("a\u{0}b\u{1F}c\td\ne\u{FFFE}") == "abc\td\ne")
    }

    @Test func keepsEveryScriptAsIs() {
        let text = "Côte d’Ivoire · 中国 · Россия · مصر"
        #expect(SVGWriter.escape(text) == text)
    }

    @Test func attributesKeepTheirOrderAndSkipNil() {
        var writer = SVGWriter()
        writer.empty("rect", ["x": "1", "fill": nil, "class": #"a"b"#])
        writer.element("text", ["y": "2"], text: "<3")
        #expect(writer.markup == #"<rect x="1" class="a&quot;b"/><text y="2">&lt;3</text>"#)
    }

    @Test func numbersHaveOneDecimalAndNoLocale() {
        let cases: [(Double, String)] = [
            (3, "3"), (2.5, "2.5"), (1.25, "1.3"), (12.34, "12.3"), (359.99, "360"),
            (-1.5, "-1.5"), (-0.04, "0"), (0, "0"), (.nan, "0"), (.infinity, "0"),
        ]
        for (value, expected) in cases {
            #expect(SVGWriter.number(value) == expected, "\(value)")
        }
    }
}

@Suite("Chart text layout")
struct ChartTextLayoutTests {
    @Test func titlesWrapAtSpacesIntoAtMostTwoLines() {
        #expect(ChartCanvas.wrapped("Saint Vincent and the Grenadines", width: 100, maxLines: 2)
            == ["Saint Vincent", "and the Grenadines"])
        #expect(ChartCanvas.wrapped("Kenya", width: 100, maxLines: 2) == ["Kenya"])
        #expect(ChartCanvas.wrapped("", width: 100, maxLines: 2) == [""])
        #expect(ChartCanvas.wrapped("Bosnia-and-Herzegovina-Federation", width: 50, maxLines: 2).count == 1)
    }

    @Test func chineseTextIsGivenMoreRoomThanLatin() {
        #expect(ChartCanvas.estimatedWidth(of: "中国") > ChartCanvas.estimatedWidth(of: "ab"))
        #expect(ChartCanvas.estimatedWidth(of: "") == 0)
    }
}
