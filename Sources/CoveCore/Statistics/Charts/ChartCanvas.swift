import Foundation

/// A point in a chart's left-to-right layout space.
struct CanvasPoint: Hashable {
    var x: Double
    var y: Double

    func offset(_ dx: Double, _ dy: Double) -> CanvasPoint {
        CanvasPoint(x: x + dx, y: y + dy)
    }
}

/// A rectangle in left-to-right layout space: a plot area, or a panel of small multiples.
struct PlotFrame: Hashable {
    var left: Double
    var top: Double
    var width: Double
    var height: Double

    var right: Double { left + width }
    var bottom: Double { top + height }
}

/// `id`s for one chart, all made from the caller's prefix, so several charts on one page never
/// collide and the same data always renders the same markup (no random or counter-based ids).
struct ChartIDs: Hashable {
    let prefix: String

    /// Keeps ASCII letters, digits, `-` and `_`: `aria-labelledby` is a space-separated list of
    /// ids, so a space or quote in a prefix would silently point it at nothing.
    init(prefix raw: String) {
        let cleaned = String(raw.map { Self.allowed.contains($0) ? $0 : "-" })
        let startsWithLetter = cleaned.first.map { $0.isASCII && $0.isLetter } ?? false
        prefix = startsWithLetter ? cleaned : "chart-" + cleaned
    }

    private static let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")

    var title: String { "\(prefix)-title" }
    var description: String { "\(prefix)-desc" }
    var hatch: String { "\(prefix)-hatch" }
}

/// The drawing surface the charts share. Charts lay out in left-to-right coordinates and the
/// canvas reflects them for right-to-left pages, so each chart is written once for both
/// directions and Arabic gets a true mirror (bars from the right, labels on the right).
///
/// Colour comes from `currentColor` presentation attributes, which the site stylesheet
/// overrides by class: the chart is legible before CSS arrives, and themeable after. Nothing
/// uses a `style` attribute, which the Content-Security-Policy forbids.
struct ChartCanvas {
    enum Anchor: String {
        case start, middle, end
    }

    /// In viewBox units. Charts default to 360 wide, about a phone's CSS width, so text is close
    /// to 12 px where it matters most.
    static let fontSize = 12.0

    let width: Double
    let rightToLeft: Bool
    let ids: ChartIDs
    private var writer = SVGWriter()

    init(width: Double, rightToLeft: Bool, idPrefix: String) {
        self.width = width
        self.rightToLeft = rightToLeft
        self.ids = ChartIDs(prefix: idPrefix)
    }

    /// Where a logical x lands on the page.
    func mirrored(_ x: Double) -> Double {
        rightToLeft ? width - x : x
    }

    /// The root element with its accessible name and description. `role="img"` makes screen
    /// readers announce the chart as one image named by `<title>` and `<desc>`, instead of
    /// reading out every tick and label in drawing order.
    mutating func begin(height: Double, kind: String, title: String, description: String) {
        writer.open("svg", [
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": "0 0 \(SVGWriter.number(width)) \(SVGWriter.number(height))",
            "width": "100%",
            "class": "chart \(kind)",
            "role": "img",
            "aria-labelledby": "\(ids.title) \(ids.description)",
            "fill": "currentColor",
            "font-size": SVGWriter.number(Self.fontSize),
        ])
        writer.element("title", ["id": ids.title], text: title)
        writer.element("desc", ["id": ids.description], text: description)
    }

    mutating func finish() -> String {
        writer.close("svg")
        return writer.markup
    }

    mutating func beginGroup(classes: String) {
        writer.open("g", ["class": classes])
    }

    mutating func endGroup() {
        writer.close("g")
    }

    /// Diagonal stripes for the highlighted bar, so it stands out in greyscale, in print and to
    /// readers who cannot tell the accent colour from the others.
    mutating func defineHatch() {
        writer.open("defs")
        writer.open("pattern", [
            "id": ids.hatch, "width": "6", "height": "6",
            "patternUnits": "userSpaceOnUse", "patternTransform": "rotate(45)",
        ])
        writer.empty("line", [
            "class": "chart-hatch-line", "x1": "3", "y1": "0", "x2": "3", "y2": "6",
            "stroke": "#fff", "stroke-width": "3",
        ])
        writer.close("pattern")
        writer.close("defs")
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, classes: String, fill: String? = nil) {
        let left = rightToLeft ? self.width - x - width : x
        writer.empty("rect", [
            "class": classes, "x": SVGWriter.number(left), "y": SVGWriter.number(y),
            "width": SVGWriter.number(width), "height": SVGWriter.number(height), "fill": fill,
        ])
    }

    /// Gridlines are faint before the stylesheet arrives; the stylesheet sets their colour outright.
    mutating func gridline(from start: CanvasPoint, to end: CanvasPoint) {
        writer.empty("line", [
            "class": "chart-grid",
            "x1": SVGWriter.number(mirrored(start.x)), "y1": SVGWriter.number(start.y),
            "x2": SVGWriter.number(mirrored(end.x)), "y2": SVGWriter.number(end.y),
            "stroke": "currentColor", "stroke-opacity": "0.25",
        ])
    }

    mutating func polyline(_ points: [CanvasPoint], classes: String, dash: String?) {
        writer.empty("path", [
            "class": classes, "d": pathData(points, closed: false), "fill": "none",
            "stroke": "currentColor", "stroke-width": "2", "stroke-linejoin": "round", "stroke-dasharray": dash,
        ])
    }

    mutating func polygon(_ points: [CanvasPoint], classes: String) {
        writer.empty("path", ["class": classes, "d": pathData(points, closed: true)])
    }

    mutating func circle(center: CanvasPoint, radius: Double, classes: String) {
        writer.empty("circle", [
            "class": classes, "cx": SVGWriter.number(mirrored(center.x)),
            "cy": SVGWriter.number(center.y), "r": SVGWriter.number(radius),
        ])
    }

    /// Anchors are logical: with `direction="rtl"` an SVG renderer reads `start` as the right
    /// end of the text, so the mirrored x and the unchanged anchor together mirror the label.
    mutating func text(_ content: String, at point: CanvasPoint, anchor: Anchor, classes: String, bold: Bool = false) {
        let direction: String? = rightToLeft ? "rtl" : nil
        let weight: String? = bold ? "bold" : nil
        writer.element("text", [
            "class": classes, "x": SVGWriter.number(mirrored(point.x)), "y": SVGWriter.number(point.y),
            "text-anchor": anchor.rawValue, "direction": direction, "font-weight": weight,
        ], text: content)
    }

    private func pathData(_ points: [CanvasPoint], closed: Bool) -> String {
        let commands = points.enumerated().map { index, point in
            "\(index == 0 ? "M" : "L")\(SVGWriter.number(mirrored(point.x))) \(SVGWriter.number(point.y))"
        }
        return commands.joined(separator: " ") + (closed ? " Z" : "")
    }
}

extension ChartCanvas {
    /// A rough advance width. The server cannot measure text, so space is set aside from
    /// character counts: 0.6 em for most scripts, a full em for CJK so Chinese labels get room.
    static func estimatedWidth(of text: String) -> Double {
        text.unicodeScalars.reduce(0.0) { total, scalar in
            total + (scalar.value >= 0x2E80 ? 1.0 : 0.6) * fontSize
        }
    }

    /// Splits at spaces into at most `maxLines` lines that fit `width` by estimate. The last line
    /// keeps whatever is left: a country's name running long is better than one cut short.
    static func wrapped(_ text: String, width: Double, maxLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : "\(current) \(word)"
            if current.isEmpty || lines.count >= maxLines - 1 || estimatedWidth(of: candidate) <= width {
                current = candidate
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        lines.append(current)
        return lines
    }
}
