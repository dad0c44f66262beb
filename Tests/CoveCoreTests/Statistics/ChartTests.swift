import Foundation
import Testing
@testable import CoveCore

/// A label that breaks naive markup: an apostrophe, angle brackets, an ampersand, quotes, and a
/// BEL that XML 1.0 forbids outright. The chart shows it without the BEL.
private let hostile = "Côte d'Ivoire <test> & \"friends\"\u{7}"
private let hostileShown = "Côte d'Ivoire <test> & \"friends\""

private let quarters = ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"]

/// Norway 10, Kenya 5 (the page's country), Peru suppressed, Chile 2.5: a round maximum, so bar
/// lengths are exact fractions of the plot.
private func ranking(rightToLeft: Bool = false) -> BarChart {
    BarChart(id: "rates-2025", title: "Contacts per 1,000 children, 2025",
             description: "Norway has the highest rate, Chile the lowest; Peru's figure is suppressed.",
             rows: [
                 BarChart.Row(label: "Norway", value: 10, text: "10.0"),
                 BarChart.Row(label: "Kenya", value: 5, text: "5.0", isHighlighted: true),
                 BarChart.Row(label: "Peru", missing: "suppressed"),
                 BarChart.Row(label: "Chile", value: 2.5, text: "2.5"),
             ],
             rightToLeft: rightToLeft)
}

/// One chart of each kind with `text` in every place caller text can go.
private func everyKind(text: String, id: String) -> [String] {
    let series = [LineChart.Series(name: text, values: [1, 2, nil, 4, 5])]
    return [
        BarChart(id: id, title: text, description: text,
                 rows: [BarChart.Row(label: text, value: 3, text: text),
                        BarChart.Row(label: text, missing: text, isHighlighted: true)]).svg(),
        LineChart(id: id, title: text, description: text, periods: quarters, series: series).svg(),
        // Wide and single-column, so the panel title fits on one line and reads back whole.
        SmallMultiples(id: id, title: text, description: text, periods: quarters,
                       panels: [SmallMultiples.Panel(title: text, series: series + series)],
                       columns: 1, width: 640).svg(),
    ]
}

@Suite("Bar chart")
struct BarChartTests {
    @Test func barsAreProportionalToValues() throws {
        let probe = try SVGProbe(ranking().svg())
        let bars = probe.withClass("chart-bar")
        let widths = bars.map { $0.number("width") }
        try #require(widths.count == 3)
        #expect(abs(widths[1] / widths[0] - 0.5) < 0.005)
        #expect(abs(widths[2] / widths[0] - 0.25) < 0.005)
        // 10 is already round, so Norway's bar ends exactly on the last gridline.
        let lastGridline = try #require(probe.withClass("chart-grid").last)
        #expect(abs(bars[0].number("x") + widths[0] - lastGridline.number("x1")) < 0.2)
        #expect(probe.withClass("chart-tick").map(\.text) == ["0", "5", "10"])
    }

    @Test func aMissingValueHasNoBarButShowsItsNote() throws {
        let probe = try SVGProbe(ranking().svg())
        #expect(probe.withClass("chart-bar").count == 3)
        let notes = probe.withClass("chart-note")
        try #require(notes.map(\.text) == ["suppressed"])
        #expect(probe.withClass("chart-value").map(\.text) == ["10.0", "5.0", "2.5"])
        // The note sits in Peru's row: below Peru's label, above Chile's.
        let labels = probe.withClass("chart-label")
        #expect(labels.map(\.text) == ["Norway", "Kenya", "Peru", "Chile"])
        #expect(notes[0].number("y") > labels[2].number("y"))
        #expect(notes[0].number("y") < labels[3].number("y"))
    }

    @Test func theHighlightedRowDiffersByMoreThanColour() throws {
        let probe = try SVGProbe(ranking().svg())
        let bold = probe.withClass("chart-label").filter { $0.attributes["font-weight"] == "bold" }
        #expect(bold.map(\.text) == ["Kenya"])
        let highlighted = probe.withClass("chart-bar-highlight")
        try #require(highlighted.count == 1)
        #expect(highlighted[0].hasClass("chart-bar"))
        let hatch = try #require(probe.withClass("chart-hatch").first)
        #expect(hatch.attributes["fill"] == "url(#rates-2025-hatch)")
        #expect(hatch.number("width") == highlighted[0].number("width"))
        #expect(probe.element(id: "rates-2025-hatch")?.name == "pattern")
    }

    @Test func noPatternIsDefinedWithoutAHighlight() throws {
        let chart = BarChart(id: "plain", title: "t", description: "d",
                             rows: [BarChart.Row(label: "Norway", value: 1, text: "1")])
        let probe = try SVGProbe(chart.svg())
        #expect(probe.named("pattern").isEmpty)
        #expect(probe.withClass("chart-hatch").isEmpty)
    }

    @Test func rightToLeftMirrorsEveryXPosition() throws {
        let ltr = try SVGProbe(ranking().svg())
        let rtl = try SVGProbe(ranking(rightToLeft: true).svg())
        let width = ltr.viewBoxWidth
        #expect(rtl.viewBoxWidth == width)
        for (left, right) in zip(ltr.withClass("chart-bar"), rtl.withClass("chart-bar")) {
            #expect(right.number("width") == left.number("width"))
            #expect(abs(right.number("x") - (width - left.number("x") - left.number("width"))) < 0.2)
        }
        let ltrText = ltr.named("text")
        let rtlText = rtl.named("text")
        #expect(ltrText.count == rtlText.count)
        for (left, right) in zip(ltrText, rtlText) {
            #expect(abs(right.number("x") - (width - left.number("x"))) < 0.2)
            #expect(right.attributes["text-anchor"] == left.attributes["text-anchor"])
            #expect(right.attributes["direction"] == "rtl")
            #expect(left.attributes["direction"] == nil)
        }
    }

    @Test func rightToLeftBarsGrowFromTheRight() throws {
        let rtl = try SVGProbe(ranking(rightToLeft: true).svg())
        let zero = try #require(rtl.withClass("chart-grid").first).number("x1")
        #expect(zero > rtl.viewBoxWidth / 2)
        for bar in rtl.withClass("chart-bar") {
            #expect(abs(bar.number("x") + bar.number("width") - zero) < 0.2)
        }
        let labels = rtl.withClass("chart-label")
        #expect(labels.allSatisfy { $0.number("x") == zero && $0.attributes["text-anchor"] == "start" })
    }

    @Test func aFullRankingStaysSmallAndWellFormed() throws {
        let rows = (1...140).map { BarChart.Row(label: "Country \($0)", value: Double($0) / 7, text: "\($0)") }
        let markup = BarChart(id: "all", title: "All", description: "All countries", rows: rows).svg()
        let probe = try SVGProbe(markup)
        #expect(probe.withClass("chart-bar").count == 140)
        #expect(markup.utf8.count < 50_000)
    }

    @Test func noRowsStillDrawsAnAxis() throws {
        let probe = try SVGProbe(BarChart(id: "none", title: "t", description: "d", rows: []).svg())
        #expect(probe.withClass("chart-bar").isEmpty)
        #expect(probe.withClass("chart-tick").map(\.text) == ["0.0", "0.5", "1.0"])
    }

    @Test func tickTextComesFromTheCallerWhenGiven() throws {
        var chart = ranking()
        chart.tickText = { "\(Int($0))%" }
        let probe = try SVGProbe(chart.svg())
        #expect(probe.withClass("chart-tick").map(\.text) == ["0%", "5%", "10%"])
    }
}

@Suite("Chart markup")
struct ChartMarkupTests {
    @Test func hostileTextIsEscapedInEveryKindOfChart() throws {
        for markup in everyKind(text: hostile, id: "hostile") {
            let probe = try SVGProbe(markup)
            #expect(probe.named("title").map(\.text) == [hostileShown])
            #expect(probe.named("desc").map(\.text) == [hostileShown])
            #expect(probe.named("text").contains { $0.text == hostileShown })
            #expect(!markup.contains("<test>"))
            #expect(!markup.contains("\u{7}"))
        }
    }

    @Test func everyChartIsNamedByItsTitleAndDescription() throws {
        for markup in everyKind(text: "Contacts by quarter", id: "stats-1") {
            let probe = try SVGProbe(markup)
            let root = probe.root
            #expect(root.name == "svg")
            #expect(root.attributes["role"] == "img")
            #expect(root.attributes["width"] == "100%")
            #expect(root.attributes["viewBox"]?.hasPrefix("0 0 ") == true)
            #expect(root.attributes["aria-labelledby"] == "stats-1-title stats-1-desc")
            #expect(probe.element(id: "stats-1-title")?.name == "title")
            #expect(probe.element(id: "stats-1-desc")?.name == "desc")
            // Title first: some screen readers only look at the first child for the name.
            #expect(probe.elements.dropFirst().first?.name == "title")
        }
    }

    @Test func idsComeFromASanitisedPrefix() throws {
        let markup = BarChart(id: "rates 2025\"<x>", title: "t", description: "d", rows: []).svg()
        let probe = try SVGProbe(markup)
        #expect(probe.root.attributes["aria-labelledby"] == "rates-2025--x--title rates-2025--x--desc")
        #expect(ChartIDs(prefix: "2025").prefix == "chart-2025")
        #expect(ChartIDs(prefix: "").prefix == "chart-")
        #expect(ChartIDs(prefix: "été").prefix == "chart--t-")
    }

    @Test func twoChartsOnOnePageShareNoIds() throws {
        let ids = { (markup: String) throws -> Set<String> in
            try Set(SVGProbe(markup).elements.compactMap { $0.attributes["id"] })
        }
        let first = try ids(ranking().svg())
        let second = try ids(LineChart(id: "trend", title: "t", description: "d", periods: quarters, series: []).svg())
        #expect(!first.isEmpty)
        #expect(first.isDisjoint(with: second))
    }

    @Test func outputIsDeterministicAndFreeOfInlineStyles() {
        #expect(ranking().svg() == ranking().svg())
        for markup in everyKind(text: "x", id: "x") + [ranking(rightToLeft: true).svg()] {
            // The Content-Security-Policy forbids inline styles; presentation attributes only.
            #expect(!markup.contains("style="))
            #expect(!markup.contains("<style"))
        }
    }
}
