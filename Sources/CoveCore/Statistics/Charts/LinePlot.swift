import Foundation

/// The inside of a line chart's axes, drawn into one box of a larger canvas, so a full chart and
/// each small multiple draw gridlines, periods, gaps and markers identically.
struct LinePlot {
    static let periodRowHeight = 18.0
    static let tickGap = 6.0

    /// The plot area proper: where zero and the scale's maximum lie, and the first and last period.
    let frame: PlotFrame
    let scale: NiceScale
    let periods: [String]
    let tickLabel: (Double) -> String

    /// Fits the plot into `box`, which also holds the tick labels to its side and the periods
    /// below it. Half the widest period is kept clear at each end, because labels centre on their
    /// points and the first and last would otherwise hang off the chart.
    init(box: PlotFrame, scale: NiceScale, periods: [String], tickLabel: @escaping (Double) -> String) {
        let tickWidth = scale.ticks.map { ChartCanvas.estimatedWidth(of: tickLabel($0)) }.max() ?? 0
        let halfPeriod = (periods.map { ChartCanvas.estimatedWidth(of: $0) }.max() ?? 0) / 2
        let left = box.left + max(tickWidth + Self.tickGap, halfPeriod)
        let right = max(box.right - halfPeriod, left + 1)
        let top = box.top + ChartCanvas.fontSize / 2
        let bottom = max(box.bottom - Self.periodRowHeight, top + 1)
        self.frame = PlotFrame(left: left, top: top, width: right - left, height: bottom - top)
        self.scale = scale
        self.periods = periods
        self.tickLabel = tickLabel
    }

    func x(at index: Int) -> Double {
        guard periods.count > 1 else { return frame.left + frame.width / 2 }
        return frame.left + Double(index) * frame.width / Double(periods.count - 1)
    }

    func y(for value: Double) -> Double {
        frame.bottom - scale.fraction(of: value) * frame.height
    }

    func drawGrid(on canvas: inout ChartCanvas) {
        for tick in scale.ticks {
            let level = y(for: tick)
            canvas.gridline(from: CanvasPoint(x: frame.left, y: level), to: CanvasPoint(x: frame.right, y: level))
            let position = CanvasPoint(x: frame.left - Self.tickGap, y: level + ChartCanvas.fontSize * 0.35)
            canvas.text(tickLabel(tick), at: position, anchor: .end, classes: "chart-tick")
        }
    }

    func drawPeriods(on canvas: inout ChartCanvas) {
        let baseline = frame.bottom + 4 + ChartCanvas.fontSize
        let every = labelInterval()
        for (index, period) in periods.enumerated() where index % every == 0 {
            canvas.text(period, at: CanvasPoint(x: x(at: index), y: baseline), anchor: .middle, classes: "chart-period")
        }
    }

    /// Labels every nth period so neighbours never overlap; twelve quarters on a phone would
    /// otherwise print on top of each other. The first period is always labelled.
    func labelInterval() -> Int {
        guard periods.count > 1 else { return 1 }
        let spacing = frame.width / Double(periods.count - 1)
        let needed = (periods.map { ChartCanvas.estimatedWidth(of: $0) }.max() ?? 0) + 8
        return max(1, Int((needed / spacing).rounded(.up)))
    }

    /// One path per unbroken run, so a missing quarter shows as a gap and is never bridged by a
    /// line that would suggest a value nobody reported. Every present value gets a marker, which
    /// also keeps a value isolated between two gaps visible.
    func drawSeries(_ series: [LineChart.Series], on canvas: inout ChartCanvas) {
        for (index, line) in series.enumerated() {
            let style = SeriesStyle(index: index)
            let values = Array(line.values.prefix(periods.count))
            for run in Self.runs(values) {
                let points = run.map { CanvasPoint(x: x(at: $0.index), y: y(for: $0.value)) }
                if points.count > 1 {
                    canvas.polyline(points, classes: "chart-line \(style.colourClass)", dash: style.dash)
                }
                for point in points {
                    style.drawMarker(at: point, role: "chart-marker", on: &canvas)
                }
            }
        }
    }

    /// Consecutive present values, split wherever a value is missing or not finite.
    static func runs(_ values: [Double?]) -> [[(index: Int, value: Double)]] {
        var runs: [[(index: Int, value: Double)]] = []
        var current: [(index: Int, value: Double)] = []
        for (index, value) in values.enumerated() {
            if let value, value.isFinite {
                current.append((index: index, value: value))
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}
