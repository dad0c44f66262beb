import Foundation

/// Accumulates SVG markup one element at a time.
///
/// Every attribute value and text node passes through `escape`, so no chart builds markup by
/// interpolating caller text: a country called `Côte d'Ivoire <test>` cannot break the page the
/// chart is inlined in. Attributes keep the order written, so the same chart is always the same bytes.
struct SVGWriter {
    /// A `nil` value leaves the attribute out, which keeps optional attributes inline at call sites.
    typealias Attributes = KeyValuePairs<String, String?>

    private(set) var markup = ""

    mutating func open(_ name: String, _ attributes: Attributes = [:]) {
        markup += "<\(name)\(Self.attributeText(attributes))>"
    }

    mutating func close(_ name: String) {
        markup += "</\(name)>"
    }

    mutating func empty(_ name: String, _ attributes: Attributes) {
        markup += "<\(name)\(Self.attributeText(attributes))/>"
    }

    mutating func element(_ name: String, _ attributes: Attributes = [:], text: String) {
        open(name, attributes)
        markup += Self.escape(text)
        close(name)
    }

    private static func attributeText(_ attributes: Attributes) -> String {
        var text = ""
        for (name, value) in attributes {
            guard let value else { continue }
            text += " \(name)=\"\(escape(value))\""
        }
        return text
    }

    /// Escapes the five XML special characters, for text and for attributes in either quote, and
    /// drops the control characters XML 1.0 forbids: one stray byte from a data file would
    /// otherwise make the whole page's inline SVG ill-formed.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                continue
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// A coordinate to one decimal place, with a point and Latin digits whatever the server's
    /// locale: path data and viewBoxes are machine syntax, and a tenth of a unit is invisible.
    /// Whole numbers drop the ".0" to keep 140-row charts small on slow connections.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = (value * 10).rounded()
        if tenths.truncatingRemainder(dividingBy: 10) == 0, abs(tenths) < 1e15 {
            return String(Int(tenths / 10))
        }
        return String(format: "%.1f", tenths / 10)
    }
}
