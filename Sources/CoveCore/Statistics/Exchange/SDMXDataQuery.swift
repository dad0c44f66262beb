/// The key of an SDMX REST data query, `Q.KE+TZ..` or `all`: per dimension, in key order, the codes
/// wanted, joined by `+`, or nothing for any code.
public struct SDMXDataQuery: Sendable, Equatable {
    /// Per dimension, the codes asked for; nil for any.
    public let codes: [Set<String>?]

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case wrongLength(found: Int, expected: [String])

        public var description: String {
            switch self {
            case let .wrongLength(found, expected):
                "the key has \(found) parts but the dataflow has \(expected.count) dimensions, in this order: "
                    + expected.joined(separator: ".")
            }
        }
    }

    /// Reads `key` against `structure`; `all`, `*` and an empty key ask for everything.
    public init(key: String?, structure: DataflowStructure) throws(Problem) {
        let dimensions = structure.dimensions.map(\.id)
        guard let key, !["", "all", "*"].contains(key) else {
            codes = Array(repeating: nil, count: dimensions.count)
            return
        }
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == dimensions.count else { throw .wrongLength(found: parts.count, expected: dimensions) }
        codes = parts.map { part in
            part.isEmpty || part == "*" ? nil : Set(part.split(separator: "+").map(String.init))
        }
    }

    public func matches(_ key: SeriesKey) -> Bool {
        zip(codes, key.components).allSatisfy { wanted, component in wanted?.contains(component.code) ?? true }
    }

    /// The codes asked for on `dimension`, when the query names some.
    public func codes(of dimension: String, in structure: DataflowStructure) -> Set<String>? {
        structure.dimensions.firstIndex { $0.id == dimension }.flatMap { codes[$0] }
    }
}
