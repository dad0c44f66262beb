import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One element of a parsed chart, with its attributes and its own text, in document order.
struct SVGElement {
    let name: String
    let attributes: [String: String]
    var text = ""

    func hasClass(_ name: String) -> Bool {
        (attributes["class"] ?? "").split(separator: " ").contains { $0 == name }
    }

    /// NaN when absent or not a number, so a comparison against it fails instead of crashing.
    func number(_ attribute: String) -> Double {
        attributes[attribute].flatMap { Double($0) } ?? .nan
    }
}

struct MalformedSVG: Error, CustomStringConvertible {
    let description: String
}

/// A chart read back with Foundation's XML parser. Parsing at all is the proof that the markup is
/// well formed: the parser stops at the first unescaped `<` or `&` in a label.
struct SVGProbe {
    let elements: [SVGElement]

    init(_ markup: String) throws {
        let parser = XMLParser(data: Data(markup.utf8))
        let collector = ChartXMLCollector()
        parser.delegate = collector
        guard parser.parse() else {
            let reason = parser.parserError.map { String(describing: $0) } ?? "unknown error"
            throw MalformedSVG(description: "line \(parser.lineNumber), column \(parser.columnNumber): \(reason)")
        }
        elements = collector.elements
    }

    var root: SVGElement { elements[0] }

    var viewBoxWidth: Double {
        let parts = (root.attributes["viewBox"] ?? "").split(separator: " ")
        return parts.count == 4 ? Double(parts[2]) ?? .nan : .nan
    }

    func named(_ name: String) -> [SVGElement] {
        elements.filter { $0.name == name }
    }

    func withClass(_ name: String) -> [SVGElement] {
        elements.filter { $0.hasClass(name) }
    }

    func element(id: String) -> SVGElement? {
        elements.first { $0.attributes["id"] == id }
    }
}

final class ChartXMLCollector: NSObject, XMLParserDelegate {
    private(set) var elements: [SVGElement] = []
    private var open: [Int] = []

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String]) {
        open.append(elements.count)
        elements.append(SVGElement(name: elementName, attributes: attributeDict))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        open.removeLast()
    }

    /// Text may arrive in pieces, split at each entity, so it is appended, not assigned.
    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard let current = open.last else { return }
        elements[current].text += string
    }
}
