import Foundation

/// A grid of small line charts, one per country or region, on one shared y scale.
///
/// The shared scale is the point: panels can be compared at a glance only if the same height
/// means the same rate in each. Every panel keeps its own ticks anyway, so a reader who zooms
/// into one panel on a phone still has its axis.
public struct SmallMultiples: Sendable {
    public struct Panel: Sendable, Hashable {
        /// The panel's heading, as the page writes it; wraps onto a second line when long.
        public var title: String
        /// Series in the same order in every panel, since dash and marker follow position.
        public var series: [LineChart.Series]

        public init(title: String, series: [LineChart.Series]) {
            self.title = title
            self.series = series
        }

        /// A panel with a single series named after the panel.
        public init(title: String, values: [Double?]) {
            self.init(title: title, series: [LineChart.Series(name: title, values: values)])
        }
    }

    /// Prefix for the chart's `id`s; must differ between charts on one page.
    public var id: String
    public var title: String
    public var description: String
    /// Shared by every panel, oldest first.
    public var periods: [String]
    public var panels: [Panel]
    /// Panels per row; fewer are used when the width cannot fit them.
    public var columns: Int
    /// viewBox width; see `BarChart.width`.
    public var width: Double
    /// Panels fill rows from the right and each panel is mirrored, for Arabic pages.
    public var rightToLeft: Bool
    /// Writes axis ticks; `nil` uses `NiceScale.label(for:)`.
    public var tickText: (@Sendable (Double) -> String)?

    public init(id: String, title: String, description: String, periods: [String], panels: [Panel],
                columns: Int = 2, width: Double = 360, rightToLeft: Bool = false,
                tickText: (@Sendable (Double) -> String)? = nil) {
        self.id = id
        self.title = title
        self.description = description
        self.periods = periods
        self.panels = panels
        self.columns = columns
        self.width = width
        self.rightToLeft = rightToLeft
        self.tickText = tickText
    }

    /// The grid as a standalone `<svg>` element for inline use.
    public func svg() -> String {
        let grid = Grid(chart: self)
        var canvas = ChartCanvas(width: grid.width, rightToLeft: rightToLeft, idPrefix: id)
        canvas.begin(height: grid.height, kind: "chart-multiples", title: title, description: description)
        for (index, panel) in panels.enumerated() {
            drawPanel(panel, in: grid.box(index), grid, on: &canvas)
        }
        Legend.draw(names: grid.legendNames, top: grid.legendTop, left: Grid.padding, on: &canvas)
        return canvas.finish()
    }
}

extension SmallMultiples {
    private struct Grid {
        static let padding = 8.0
        static let gap = 12.0
        static let titleLineHeight = 16.0
        static let maximumTitleLines = 2
        /// Below this a panel has no room for ticks and a line.
        static let minimumPanelWidth = 100.0
        static let aspect = 0.6

        let width: Double
        let columns: Int
        let panelWidth: Double
        let titleHeight: Double
        let panelHeight: Double
        let scale: NiceScale
        /// Empty with one series per panel: each panel's title already names its line.
        let legendNames: [String]
        let legendTop: Double
        let height: Double

        /// Works in locals first: closures may not capture `self` before every property is set.
        init(chart: SmallMultiples) {
            let width = max(chart.width, Self.minimumPanelWidth + 2 * Self.padding)
            let fitting = Int((width - 2 * Self.padding + Self.gap) / (Self.minimumPanelWidth + Self.gap))
            let columns = max(1, min(chart.columns, fitting))
            let panelWidth = (width - 2 * Self.padding - Double(columns - 1) * Self.gap) / Double(columns)
            // Every panel gets the same title height so plots line up across a row.
            let lines = chart.panels.map { Self.titleLines($0.title, width: panelWidth).count }.max() ?? 1
            let widest = chart.panels.map { $0.series }.max { $0.count < $1.count } ?? []
            let legendNames = widest.count > 1 ? widest.map { $0.name } : []
            let rows = (chart.panels.count + columns - 1) / columns
            self.width = width
            self.columns = columns
            self.panelWidth = panelWidth
            titleHeight = Double(lines) * Self.titleLineHeight
            panelHeight = titleHeight + panelWidth * Self.aspect + LinePlot.periodRowHeight
            scale = NiceScale(covering: chart.panels.flatMap { $0.series.flatMap { $0.values } })
            self.legendNames = legendNames
            legendTop = Self.padding + Double(rows) * (panelHeight + Self.gap)
            height = legendTop + Legend.height(for: legendNames) + Self.padding
        }

        static func titleLines(_ title: String, width: Double) -> [String] {
            ChartCanvas.wrapped(title, width: width, maxLines: maximumTitleLines)
        }

        func box(_ index: Int) -> PlotFrame {
            let column = Double(index % columns)
            let row = Double(index / columns)
            return PlotFrame(left: Self.padding + column * (panelWidth + Self.gap),
                             top: Self.padding + row * (panelHeight + Self.gap),
                             width: panelWidth, height: panelHeight)
        }
    }

    private func drawPanel(_ panel: Panel, in box: PlotFrame, _ grid: Grid, on canvas: inout ChartCanvas) {
        canvas.beginGroup(classes: "chart-panel")
        for (line, text) in Grid.titleLines(panel.title, width: box.width).enumerated() {
            let baseline = box.top + Double(line + 1) * Grid.titleLineHeight - 4
            canvas.text(text, at: CanvasPoint(x: box.left, y: baseline), anchor: .start,
                        classes: "chart-panel-title", bold: true)
        }
        let plotBox = PlotFrame(left: box.left, top: box.top + grid.titleHeight,
                                width: box.width, height: box.height - grid.titleHeight)
        let format = tickText
        let scale = grid.scale
        let plot = LinePlot(box: plotBox, scale: scale, periods: periods) { format?($0) ?? scale.label(for: $0) }
        plot.drawGrid(on: &canvas)
        plot.drawPeriods(on: &canvas)
        plot.drawSeries(panel.series, on: &canvas)
        canvas.endGroup()
    }
}
