import Foundation

/// A ranking drawn as horizontal bars, one row per country, for the public statistics pages.
///
/// Each label sits on its own line above its bar, so names such as "Saint Vincent and the
/// Grenadines" fit a phone without truncation and every bar can use the full width. The value
/// is written at the end of the bar, so the chart reads without the table beside it.
///
/// Text the reader sees arrives already localised: the chart never formats a row's number, and
/// axis ticks go through `tickText` when the page writes numbers its own way.
public struct BarChart: Sendable {
    public struct Row: Sendable, Hashable {
        public var label: String
        /// `nil` when there is nothing to draw: suppressed, not reported, not applicable.
        public var value: Double?
        /// The value as the page writes it ("12.5"), or, when `value` is nil, why it is missing
        /// ("suppressed", "no data"), shown where the bar would have been.
        public var text: String
        /// The country the page is about; drawn bold, outlined and hatched, not just recoloured.
        public var isHighlighted: Bool

        public init(label: String, value: Double?, text: String, isHighlighted: Bool = false) {
            self.label = label
            self.value = value
            self.text = text
            self.isHighlighted = isHighlighted
        }

        /// A row with no value, showing `note` instead of a bar.
        public init(label: String, missing note: String, isHighlighted: Bool = false) {
            self.init(label: label, value: nil, text: note, isHighlighted: isHighlighted)
        }

        /// NaN and infinities count as missing: no bar length would mean anything for them.
        var drawable: Double? {
            guard let value, value.isFinite else { return nil }
            return value
        }
    }

    /// Prefix for the chart's `id`s; must differ between charts on one page.
    public var id: String
    public var title: String
    public var description: String
    public var rows: [Row]
    /// viewBox width. The SVG scales to its container, so this sets text size relative to the
    /// chart: near the container's CSS width keeps 12-unit text near 12 px.
    public var width: Double
    /// Bars grow from the right and labels sit on the right, for Arabic pages.
    public var rightToLeft: Bool
    /// Writes axis ticks; `nil` uses `NiceScale.label(for:)`.
    public var tickText: (@Sendable (Double) -> String)?

    public init(id: String, title: String, description: String, rows: [Row], width: Double = 360,
                rightToLeft: Bool = false, tickText: (@Sendable (Double) -> String)? = nil) {
        self.id = id
        self.title = title
        self.description = description
        self.rows = rows
        self.width = width
        self.rightToLeft = rightToLeft
        self.tickText = tickText
    }

    /// The chart as a standalone `<svg>` element for inline use.
    public func svg() -> String {
        let layout = Layout(chart: self)
        var canvas = ChartCanvas(width: layout.width, rightToLeft: rightToLeft, idPrefix: id)
        canvas.begin(height: layout.height, kind: "chart-bars", title: title, description: description)
        if rows.contains(where: { $0.isHighlighted }) { canvas.defineHatch() }
        drawAxis(layout, on: &canvas)
        for (index, row) in rows.enumerated() {
            drawRow(row, top: layout.rowTop(index), layout, on: &canvas)
        }
        return canvas.finish()
    }
}

extension BarChart {
    /// Sizes in viewBox units. Rows are tall enough for a label line and a bar a thumb can find.
    private struct Layout {
        static let padding = 8.0
        static let axisHeight = 22.0
        static let rowHeight = 36.0
        static let barOffset = 17.0
        static let barHeight = 12.0
        static let gap = 4.0
        /// Narrower than this and the value text would leave no room for bars.
        static let minimumWidth = 160.0

        let width: Double
        let scale: NiceScale
        let plotWidth: Double
        let height: Double

        init(chart: BarChart) {
            width = max(chart.width, Self.minimumWidth)
            scale = NiceScale(covering: chart.rows.map { $0.drawable })
            // The longest bar ends at the plot's edge; its value text needs room beyond it.
            let longest = chart.rows.filter { $0.drawable != nil }
                .map { ChartCanvas.estimatedWidth(of: $0.text) }.max() ?? 0
            let valueSpace = min(longest + 2 * Self.gap, width / 3)
            plotWidth = width - 2 * Self.padding - valueSpace
            height = 2 * Self.padding + Self.axisHeight + Double(chart.rows.count) * Self.rowHeight
        }

        func barLength(_ value: Double) -> Double {
            scale.fraction(of: value) * plotWidth
        }

        func rowTop(_ index: Int) -> Double {
            Self.padding + Self.axisHeight + Double(index) * Self.rowHeight
        }
    }

    /// Ticks sit at the top, where a reader scrolling a 140-row ranking starts.
    private func drawAxis(_ layout: Layout, on canvas: inout ChartCanvas) {
        let gridTop = Layout.padding + Layout.axisHeight - Layout.gap
        let gridBottom = layout.height - Layout.padding
        for tick in layout.scale.ticks {
            let x = Layout.padding + layout.barLength(tick)
            canvas.gridline(from: CanvasPoint(x: x, y: gridTop), to: CanvasPoint(x: x, y: gridBottom))
            let label = tickText?(tick) ?? layout.scale.label(for: tick)
            canvas.text(label, at: CanvasPoint(x: x, y: Layout.padding + ChartCanvas.fontSize),
                        anchor: .middle, classes: "chart-tick")
        }
    }

    private func drawRow(_ row: Row, top: Double, _ layout: Layout, on canvas: inout ChartCanvas) {
        let start = Layout.padding
        canvas.text(row.label, at: CanvasPoint(x: start, y: top + ChartCanvas.fontSize), anchor: .start,
                    classes: row.isHighlighted ? "chart-label chart-label-highlight" : "chart-label",
                    bold: row.isHighlighted)
        let barTop = top + Layout.barOffset
        // Centres 12-unit text on the bar without relying on dominant-baseline, which older
        // mobile browsers ignore.
        let baseline = barTop + Layout.barHeight / 2 + ChartCanvas.fontSize * 0.35
        guard let value = row.drawable else {
            canvas.text(row.text, at: CanvasPoint(x: start, y: baseline), anchor: .start, classes: "chart-note")
            return
        }
        let length = layout.barLength(value)
        drawBar(length: length, top: barTop, highlighted: row.isHighlighted, on: &canvas)
        canvas.text(row.text, at: CanvasPoint(x: start + length + Layout.gap, y: baseline), anchor: .start,
                    classes: "chart-value", bold: row.isHighlighted)
    }

    /// The hatch is a second rectangle over the bar, not the bar's own fill, so the stylesheet can
    /// colour every `chart-bar` alike without knowing each chart's pattern id.
    private func drawBar(length: Double, top: Double, highlighted: Bool, on canvas: inout ChartCanvas) {
        canvas.rect(x: Layout.padding, y: top, width: length, height: Layout.barHeight,
                    classes: highlighted ? "chart-bar chart-bar-highlight" : "chart-bar")
        guard highlighted else { return }
        canvas.rect(x: Layout.padding, y: top, width: length, height: Layout.barHeight,
                    classes: "chart-hatch", fill: "url(#\(canvas.ids.hatch))")
    }
}
