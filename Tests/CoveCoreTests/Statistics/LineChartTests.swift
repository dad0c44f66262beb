import Foundation
import Testing
@testable import CoveCore

private let fiveQuarters = ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"]

private func trend(_ series: [LineChart.Series], periods: [String] = fiveQuarters,
                   rightToLeft: Bool = false) -> LineChart {
    LineChart(id: "trend", title: "Contacts by quarter", description: "Kenya rose through 2025.",
              periods: periods, series: series, rightToLeft: rightToLeft)
}

private func kenya(_ values: [Double?]) -> LineChart.Series {
    LineChart.Series(name: "Kenya", values: values)
}

@Suite("Line chart")
struct LineChartTests {
    @Test func aMissingQuarterBreaksTheLineInTwo() throws {
        let probe = try SVGProbe(trend([kenya([1, 2, nil, 4, 5])]).svg())
        let lines = probe.withClass("chart-line")
        try #require(lines.count == 2)
        #expect(lines.allSatisfy { $0.name == "path" })
        #expect(lines.map { ($0.attributes["d"] ?? "").filter { $0 == "M" }.count } == [1, 1])
        #expect(lines.map { ($0.attributes["d"] ?? "").filter { $0 == "L" }.count } == [1, 1])
        #expect(probe.withClass("chart-marker").count == 4)
    }

    @Test func aValueBetweenTwoGapsIsAMarkerWithoutALine() throws {
        let probe = try SVGProbe(trend([kenya([nil, 3, nil])]).svg())
        #expect(probe.withClass("chart-line").isEmpty)
        #expect(probe.withClass("chart-marker").count == 1)
    }

    @Test func runsSplitAtMissingAndNonFiniteValues() {
        let runs = LinePlot.runs([1, 2, nil, 4, Double.nan, 6, nil])
        #expect(runs.map { $0.map { $0.index } } == [[0, 1], [3], [5]])
        #expect(LinePlot.runs([nil, nil]).isEmpty)
    }

    @Test func seriesDifferByDashAndMarkerShape() throws {
        let region = LineChart.Series(name: "East Africa", values: [2, 2, 2, 2, 2])
        let probe = try SVGProbe(trend([kenya([1, 2, 3, 4, 5]), region]).svg())
        let lines = probe.withClass("chart-line")
        try #require(lines.count == 2)
        #expect(lines[0].attributes["stroke-dasharray"] != lines[1].attributes["stroke-dasharray"])
        let shapes = probe.withClass("chart-marker").map(\.name)
        try #require(shapes.count == 10)
        #expect(Set(shapes[0..<5]).count == 1)
        #expect(Set(shapes[5...]).count == 1)
        #expect(shapes[0] != shapes[5])
        #expect(probe.withClass("chart-legend").map(\.text) == ["Kenya", "East Africa"])
        #expect(probe.withClass("chart-legend-line").count == 2)
        #expect(probe.withClass("chart-legend-marker").count == 2)
    }

    @Test func twentySeriesGetTwentyDistinctStyles() {
        let styles = (0..<20).map { index -> String in
            let style = SeriesStyle(index: index)
            return "\(style.dash ?? "solid") \(style.marker)"
        }
        #expect(Set(styles).count == 20)
    }

    @Test func theYAxisStartsAtZeroWithRoundTicks() throws {
        let probe = try SVGProbe(trend([kenya([3, 7, 5, nil, 6])]).svg())
        #expect(probe.withClass("chart-tick").map(\.text) == ["0", "2", "4", "6", "8"])
        let levels = probe.withClass("chart-grid").map { $0.number("y1") }
        #expect(levels == levels.sorted(by: >))
        // A zero would sit on the lowest gridline; 8 (the axis maximum) on the highest.
        let markers = probe.withClass("chart-marker").map { $0.number("cy") }
        #expect(markers.allSatisfy { $0 < levels[0] && $0 > levels[4] })
    }

    @Test func periodsAreLabelledAndThinnedWhenCrowded() throws {
        let probe = try SVGProbe(trend([kenya([1, 2, 3, 4, 5])]).svg())
        #expect(probe.withClass("chart-period").map(\.text) == fiveQuarters)

        let threeYears = (2023...2025).flatMap { year in (1...4).map { "\(year)-Q\($0)" } }
        let crowded = try SVGProbe(trend([kenya([1, 2, 3])], periods: threeYears).svg())
        let shown = crowded.withClass("chart-period")
        #expect(shown.count < threeYears.count)
        #expect(shown.first?.text == "2023-Q1")
        let xs = shown.map { $0.number("x") }
        #expect(zip(xs, xs.dropFirst()).allSatisfy { $1 - $0 >= ChartCanvas.estimatedWidth(of: "2023-Q1") })
    }

    @Test func rightToLeftRunsTimeFromTheRight() throws {
        let ltr = try SVGProbe(trend([kenya([1, 2, 3, 4, 5])]).svg())
        let rtl = try SVGProbe(trend([kenya([1, 2, 3, 4, 5])], rightToLeft: true).svg())
        let width = ltr.viewBoxWidth
        let periods = rtl.withClass("chart-period").map { $0.number("x") }
        #expect(periods == periods.sorted(by: >))
        for (left, right) in zip(ltr.withClass("chart-marker"), rtl.withClass("chart-marker")) {
            #expect(abs(right.number("cx") - (width - left.number("cx"))) < 0.2)
            #expect(right.number("cy") == left.number("cy"))
        }
        let ticks = rtl.withClass("chart-tick")
        #expect(ticks.allSatisfy { $0.number("x") > width / 2 && $0.attributes["direction"] == "rtl" })
    }
}

@Suite("Small multiples")
struct SmallMultiplesTests {
    private func grid(rightToLeft: Bool = false) -> SmallMultiples {
        SmallMultiples(id: "east-africa", title: "Contacts by quarter, East Africa",
                       description: "Kenya rose; Uganda was flat; Tanzania has no data.",
                       periods: fiveQuarters,
                       panels: [
                           SmallMultiples.Panel(title: "Kenya", values: [3, 7, 5, nil, 6]),
                           SmallMultiples.Panel(title: "Uganda", values: [1, 1, 0.5, 1, 1]),
                           SmallMultiples.Panel(title: "Tanzania", values: [nil, nil, nil, nil, nil]),
                       ],
                       rightToLeft: rightToLeft)
    }

    @Test func everyPanelSharesOneScale() throws {
        let probe = try SVGProbe(grid().svg())
        let ticks = probe.withClass("chart-tick").map(\.text)
        #expect(ticks == Array(repeating: ["0", "2", "4", "6", "8"], count: 3).flatMap { $0 })
    }

    @Test func everyPanelHasItsOwnTitle() throws {
        let probe = try SVGProbe(grid().svg())
        #expect(probe.withClass("chart-panel").count == 3)
        #expect(probe.withClass("chart-panel-title").map(\.text) == ["Kenya", "Uganda", "Tanzania"])
        #expect(probe.withClass("chart-legend").isEmpty)
        // Kenya breaks once but has a lone final value; Uganda is one line; Tanzania has nothing.
        #expect(probe.withClass("chart-line").count == 2)
        #expect(probe.withClass("chart-marker").count == 9)
    }

    @Test func panelsFillRowsInReadingOrder() throws {
        let ltr = try SVGProbe(grid().svg()).withClass("chart-panel-title")
        let rtl = try SVGProbe(grid(rightToLeft: true).svg()).withClass("chart-panel-title")
        try #require(ltr.count == 3 && rtl.count == 3)
        #expect(ltr[0].number("x") < ltr[1].number("x"))
        #expect(rtl[0].number("x") > rtl[1].number("x"))
        #expect(ltr[2].number("y") > ltr[0].number("y"))
        #expect(ltr[0].number("y") == ltr[1].number("y"))
    }

    @Test func aLongTitleWrapsOntoASecondLine() throws {
        var chart = grid()
        chart.panels[0].title = "Saint Vincent and the Grenadines"
        let titles = try SVGProbe(chart.svg()).withClass("chart-panel-title").map(\.text)
        #expect(titles.count == 4)
        #expect(titles.prefix(2).joined(separator: " ") == "Saint Vincent and the Grenadines")
    }
}
