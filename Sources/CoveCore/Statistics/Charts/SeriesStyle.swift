import Foundation

/// How one series is told apart without colour. Each gets its own dash pattern and marker shape,
/// so a reader without colour (print, forced colours, colour blindness, a cheap screen in
/// sunlight) can still follow it. Four dashes and five shapes give twenty distinct pairs before
/// any repeats; the colour class is a bonus the stylesheet may add.
struct SeriesStyle {
    enum Marker: CaseIterable {
        case circle, square, triangle, diamond, invertedTriangle
    }

    static let dashes: [String?] = [nil, "6 4", "2 3", "10 3 2 3"]
    /// Colour classes cycle through as many as the stylesheet defines.
    static let colourCount = 6
    static let markerRadius = 3.5

    let index: Int

    var dash: String? { Self.dashes[index % Self.dashes.count] }
    var marker: Marker { Marker.allCases[index % Marker.allCases.count] }
    var colourClass: String { "chart-series-\(index % Self.colourCount)" }

    /// `role` is `chart-marker` on the plot and `chart-legend-marker` in the legend, so counting
    /// one never counts the other.
    func drawMarker(at point: CanvasPoint, role: String, on canvas: inout ChartCanvas) {
        let r = Self.markerRadius
        let classes = "\(role) \(colourClass)"
        switch marker {
        case .circle:
            canvas.circle(center: point, radius: r, classes: classes)
        case .square:
            canvas.rect(x: point.x - r, y: point.y - r, width: 2 * r, height: 2 * r, classes: classes)
        case .triangle:
            canvas.polygon([point.offset(0, -r - 1), point.offset(r + 1, r), point.offset(-r - 1, r)],
                           classes: classes)
        case .diamond:
            canvas.polygon([point.offset(0, -r - 1), point.offset(r + 1, 0), point.offset(0, r + 1),
                            point.offset(-r - 1, 0)], classes: classes)
        case .invertedTriangle:
            canvas.polygon([point.offset(-r - 1, -r), point.offset(r + 1, -r), point.offset(0, r + 1)],
                           classes: classes)
        }
    }
}

/// One row per series, stacked: names can be long ("Regional average, East Africa") and a phone
/// has no room to set entries side by side.
enum Legend {
    static let rowHeight = 18.0
    static let sampleLength = 28.0

    static func height(for names: [String]) -> Double {
        Double(names.count) * rowHeight
    }

    static func draw(names: [String], top: Double, left: Double, on canvas: inout ChartCanvas) {
        for (index, name) in names.enumerated() {
            let style = SeriesStyle(index: index)
            let middle = top + (Double(index) + 0.5) * rowHeight
            canvas.polyline([CanvasPoint(x: left, y: middle), CanvasPoint(x: left + sampleLength, y: middle)],
                            classes: "chart-legend-line \(style.colourClass)", dash: style.dash)
            style.drawMarker(at: CanvasPoint(x: left + sampleLength / 2, y: middle), role: "chart-legend-marker",
                             on: &canvas)
            canvas.text(name, at: CanvasPoint(x: left + sampleLength + 8, y: middle + ChartCanvas.fontSize * 0.35),
                        anchor: .start, classes: "chart-legend")
        }
    }
}
