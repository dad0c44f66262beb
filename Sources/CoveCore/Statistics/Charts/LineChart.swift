import Foundation

/// A time series by period, for one or several series: a country against its region, say.
///
/// The y axis starts at zero with round ticks. Series differ by dash pattern and marker shape as
/// well as colour, and a legend names them. A missing period breaks the line instead of joining
/// its neighbours, since a joined line would draw a value nobody reported.
public struct LineChart: Sendable {
    public struct Series: Sendable, Hashable {
        /// As the page writes it; shown in the legend.
        public var name: String
        /// One value per period, in the chart's period order; `nil` where there is none.
        /// Values past the last period are ignored; periods past the last value count as missing.
        public var values: [Double?]

        public init(name: String, values: [Double?]) {
            self.name = name
            self.values = values
        }
    }

    /// Prefix for the chart's `id`s; must differ between charts on one page.
    public var id: String
    public var title: String
    public var description: String
    /// x-axis labels, oldest first, as the page writes them ("2025-Q1", "T1 2025").
    public var periods: [String]
    public var series: [Series]
    /// viewBox width; see `BarChart.width`.
    public var width: Double
    /// Time runs from right to left and ticks sit on the right, for Arabic pages.
    public var rightToLeft: Bool
    /// Writes axis ticks; `nil` uses `NiceScale.label(for:)`.
    public var tickText: (@Sendable (Double) -> String)?

    /// Plot height as a share of the width: wide enough to read a trend on a phone held upright.
    static let aspect = 0.55
    static let padding = 8.0
    static let minimumWidth = 160.0

    public init(id: String, title: String, description: String, periods: [String], series: [Series],
                width: Double = 360, rightToLeft: Bool = false, tickText: (@Sendable (Double) -> String)? = nil) {
        self.id = id
        self.title = title
        self.description = description
        self.periods = periods
        self.series = series
        self.width = width
        self.rightToLeft = rightToLeft
        self.tickText = tickText
    }

    /// The chart as a standalone `<svg>` element for inline use.
    public func svg() -> String {
        let chartWidth = max(width, Self.minimumWidth)
        let scale = NiceScale(covering: series.flatMap { $0.values })
        let format = tickText
        let box = PlotFrame(left: Self.padding, top: Self.padding, width: chartWidth - 2 * Self.padding,
                            height: chartWidth * Self.aspect + LinePlot.periodRowHeight)
        let plot = LinePlot(box: box, scale: scale, periods: periods) { format?($0) ?? scale.label(for: $0) }
        let names = series.map { $0.name }
        let legendTop = box.bottom + Self.padding
        let height = legendTop + Legend.height(for: names) + Self.padding

        var canvas = ChartCanvas(width: chartWidth, rightToLeft: rightToLeft, idPrefix: id)
        canvas.begin(height: height, kind: "chart-lines", title: title, description: description)
        plot.drawGrid(on: &canvas)
        plot.drawPeriods(on: &canvas)
        plot.drawSeries(series, on: &canvas)
        Legend.draw(names: names, top: legendTop, left: Self.padding, on: &canvas)
        return canvas.finish()
    }
}
