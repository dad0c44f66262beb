import Foundation

/// One code per dimension, in the table's dimension order: the address of a cell.
public struct CellKey: Hashable, Sendable, ExpressibleByArrayLiteral, CustomStringConvertible {
    public var codes: [String]

    public init(codes: [String]) {
        self.codes = codes
    }

    public init(arrayLiteral codes: String...) {
        self.codes = codes
    }

    /// Dot-separated, the way SDMX writes series keys: "F._T".
    public var description: String { codes.joined(separator: ".") }

    func replacing(_ axis: Int, with code: String) -> CellKey {
        var key = self
        key.codes[axis] = code
        return key
    }
}

/// Non-negative counts over every combination of codes, margins included. Disclosure control has
/// to see the margins as cells, because a small count hides only if every total it adds up to is
/// taken into account.
public struct StatisticalTable: Equatable, Sendable {
    /// A codelist with its total. A hierarchical codelist (category → subcategory) names each
    /// code's parent; a code with no parent hangs directly under the total.
    public struct Dimension: Hashable, Sendable {
        /// The SDMX convention for "all codes".
        public static let sdmxTotal = "_T"

        public let id: String
        public let codes: [String]
        public let totalCode: String
        public let parents: [String: String]
        private let childCodes: [String: [String]]
        private let depths: [String: Int]

        /// Throws on duplicate or unknown codes and on parents that loop, so that every dimension
        /// that exists has well-formed equations.
        public init(id: String, codes: [String], totalCode: String = Dimension.sdmxTotal,
                    parents: [String: String] = [:]) throws {
            depths = try Self.validatedDepths(id: id, codes: codes, totalCode: totalCode, parents: parents)
            var children: [String: [String]] = [:]
            for code in codes {
                children[parents[code] ?? totalCode, default: []].append(code)
            }
            self.id = id
            self.codes = codes
            self.totalCode = totalCode
            self.parents = parents
            childCodes = children
        }

        /// The codes followed by the total: the order of cells and of tie-breaks.
        public var allCodes: [String] { codes + [totalCode] }

        public func contains(_ code: String) -> Bool { depths[code] != nil }

        public func parent(of code: String) -> String? {
            code == totalCode ? nil : parents[code] ?? totalCode
        }

        public func children(of code: String) -> [String] { childCodes[code] ?? [] }

        public func isLeaf(_ code: String) -> Bool { children(of: code).isEmpty }

        /// Steps from the total: 0 for the total, 1 for the top level.
        func depth(of code: String) -> Int { depths[code] ?? 0 }

        private static func validatedDepths(id: String, codes: [String], totalCode: String,
                                            parents: [String: String]) throws -> [String: Int] {
            var depths = [totalCode: 0]
            for code in codes {
                guard depths.updateValue(0, forKey: code) == nil else {
                    throw StatisticalTableError.duplicateCode(dimension: id, code: code)
                }
            }
            for (code, parent) in parents.sorted(by: { $0.key < $1.key }) {
                guard code != totalCode else {
                    throw StatisticalTableError.cyclicHierarchy(dimension: id, code: code)
                }
                for named in [code, parent] where depths[named] == nil {
                    throw StatisticalTableError.unknownCode(dimension: id, code: named)
                }
            }
            for code in codes {
                var current = code
                var steps = 0
                while current != totalCode {
                    current = parents[current] ?? totalCode
                    steps += 1
                    guard steps <= codes.count else {
                        throw StatisticalTableError.cyclicHierarchy(dimension: id, code: code)
                    }
                }
                depths[code] = steps
            }
            return depths
        }
    }

    /// A margin and the cells it adds up: `total` = sum of `parts`.
    public struct Equation: Hashable, Sendable {
        public let total: CellKey
        public let parts: [CellKey]

        public var cells: [CellKey] { [total] + parts }
    }

    public let dimensions: [Dimension]
    /// Every cell, the first dimension varying slowest; this order breaks ties deterministically.
    public let keys: [CellKey]
    /// Counts aligned with `keys`.
    let values: [Int]
    private let ordinals: [CellKey: Int]

    /// A table from all its cells, margins included; throws unless every margin adds up, since
    /// suppression that trusts wrong margins protects nothing.
    public init(dimensions: [Dimension], counts: [CellKey: Int]) throws {
        let keys = try Self.allKeys(of: dimensions)
        for (key, count) in counts.sorted(by: { $0.key.description < $1.key.description }) {
            try Self.check(key, count: count, in: dimensions)
        }
        let values = try keys.map { key -> Int in
            guard let count = counts[key] else { throw StatisticalTableError.missingCell(key) }
            return count
        }
        self.init(dimensions: dimensions, keys: keys, values: values)
        for equation in equations {
            let sum = equation.parts.reduce(0) { $0 + (self[$1] ?? 0) }
            let found = self[equation.total] ?? 0
            guard sum == found else {
                throw StatisticalTableError.inconsistentTotal(equation.total, expected: sum, found: found)
            }
        }
    }

    private init(dimensions: [Dimension], keys: [CellKey], values: [Int]) {
        self.dimensions = dimensions
        self.keys = keys
        self.values = values
        ordinals = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($0.element, $0.offset) })
    }

    /// A table whose margins are computed from its innermost cells (every code a leaf); cells
    /// left out count zero, as rollups store no empty cells.
    public static func summing(dimensions: [Dimension], leafCounts: [CellKey: Int]) throws -> StatisticalTable {
        let keys = try allKeys(of: dimensions)
        for (key, count) in leafCounts.sorted(by: { $0.key.description < $1.key.description }) {
            try check(key, count: count, in: dimensions)
            guard zip(dimensions, key.codes).allSatisfy({ $0.isLeaf($1) }) else {
                throw StatisticalTableError.notLeaf(key)
            }
        }
        let ordinals = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($0.element, $0.offset) })
        let depthSums = keys.map { key in zip(dimensions, key.codes).reduce(0) { $0 + $1.0.depth(of: $1.1) } }
        var values = [Int](repeating: 0, count: keys.count)
        // Deeper cells first: a margin's parts lie one level deeper on one axis.
        for slot in keys.indices.sorted(by: { depthSums[$0] > depthSums[$1] }) {
            let key = keys[slot]
            guard let axis = key.codes.indices.first(where: { !dimensions[$0].isLeaf(key.codes[$0]) }) else {
                values[slot] = leafCounts[key] ?? 0
                continue
            }
            let parts = dimensions[axis].children(of: key.codes[axis]).compactMap {
                ordinals[key.replacing(axis, with: $0)]
            }
            let sum = parts.reduce(0) { $0 + values[$1] }
            values[slot] = sum
        }
        return StatisticalTable(dimensions: dimensions, keys: keys, values: values)
    }

    public subscript(key: CellKey) -> Int? {
        ordinals[key].map { values[$0] }
    }

    /// Every cell with its count.
    public var counts: [CellKey: Int] {
        Dictionary(uniqueKeysWithValues: zip(keys, values))
    }

    /// The cell's place in `keys`.
    func ordinal(of key: CellKey) -> Int? { ordinals[key] }

    /// Along each dimension, with every other dimension held at any code or total, each parent
    /// code equals the sum of its children. These are all the sums a reader can do.
    public var equations: [Equation] {
        dimensions.indices.flatMap { axis -> [Equation] in
            keys.compactMap { key -> Equation? in
                let children = dimensions[axis].children(of: key.codes[axis])
                guard !children.isEmpty else { return nil }
                return Equation(total: key, parts: children.map { key.replacing(axis, with: $0) })
            }
        }
    }

    private static func allKeys(of dimensions: [Dimension]) throws -> [CellKey] {
        var ids: Set<String> = []
        for dimension in dimensions {
            guard ids.insert(dimension.id).inserted else {
                throw StatisticalTableError.duplicateDimension(dimension.id)
            }
        }
        return dimensions.reduce([CellKey(codes: [])]) { partial, dimension in
            partial.flatMap { key in dimension.allCodes.map { CellKey(codes: key.codes + [$0]) } }
        }
    }

    private static func check(_ key: CellKey, count: Int, in dimensions: [Dimension]) throws {
        guard key.codes.count == dimensions.count else {
            throw StatisticalTableError.wrongKeyLength(key, expected: dimensions.count)
        }
        for (dimension, code) in zip(dimensions, key.codes) where !dimension.contains(code) {
            throw StatisticalTableError.unknownCode(dimension: dimension.id, code: code)
        }
        guard count >= 0 else { throw StatisticalTableError.negativeCount(key, count) }
    }
}

public enum StatisticalTableError: Error, Hashable, Sendable, CustomStringConvertible {
    case duplicateCode(dimension: String, code: String)
    case unknownCode(dimension: String, code: String)
    case cyclicHierarchy(dimension: String, code: String)
    case duplicateDimension(String)
    case wrongKeyLength(CellKey, expected: Int)
    case negativeCount(CellKey, Int)
    case missingCell(CellKey)
    case notLeaf(CellKey)
    case inconsistentTotal(CellKey, expected: Int, found: Int)

    public var description: String {
        switch self {
        case .duplicateCode(let dimension, let code): "dimension \(dimension) lists code \(code) twice"
        case .unknownCode(let dimension, let code): "dimension \(dimension) has no code \(code)"
        case .cyclicHierarchy(let dimension, let code): "in dimension \(dimension), code \(code) is its own ancestor"
        case .duplicateDimension(let id): "dimension \(id) appears twice"
        case .wrongKeyLength(let key, let expected): "cell \(key) should have \(expected) codes"
        case .negativeCount(let key, let count): "cell \(key) has a negative count, \(count)"
        case .missingCell(let key): "cell \(key) is missing"
        case .notLeaf(let key): "cell \(key) is a margin; give only innermost cells"
        case .inconsistentTotal(let key, let expected, let found):
            "cell \(key) is \(found) but its parts add up to \(expected)"
        }
    }
}
