import Foundation

/// Why a cell is hidden. Readers are told apart from each other through SDMX CONF_STATUS.
public enum SuppressionReason: String, Hashable, Sendable, Codable {
    /// The count itself is small enough to point at a child.
    case primary
    /// The count is safe, but with it published a primary cell could be worked out by subtraction.
    case secondary
}

/// A cell as it may be published.
public struct ProtectedCell: Hashable, Sendable {
    public enum Value: Hashable, Sendable {
        case published(Int)
        case suppressed(SuppressionReason)
    }

    public let value: Value
    /// True for every cell of a rounded table, not only the changed ones: flagging only those
    /// would tell readers which counts were already multiples of the base.
    public let isRounded: Bool

    public init(value: Value, isRounded: Bool = false) {
        self.value = value
        self.isRounded = isRounded
    }

    public var publishedValue: Int? {
        guard case .published(let count) = value else { return nil }
        return count
    }

    public var suppressionReason: SuppressionReason? {
        guard case .suppressed(let reason) = value else { return nil }
        return reason
    }

    public var isSuppressed: Bool { suppressionReason != nil }

    /// SDMX OBS_STATUS: "Q" (missing value, suppressed) or "A" (normal value).
    public var observationStatus: String { isSuppressed ? "Q" : "A" }

    /// SDMX CONF_STATUS: "C" confidential, "D" secondary confidentiality set by the sender,
    /// "F" free.
    public var confidentialityStatus: String {
        switch value {
        case .published: "F"
        case .suppressed(.primary): "C"
        case .suppressed(.secondary): "D"
        }
    }
}

/// What may leave Cove. It holds no count of a hidden cell, so it can be stored, cached and
/// served without the original table ever travelling with it.
public struct ProtectedTable: Equatable, Sendable {
    public let dimensions: [StatisticalTable.Dimension]
    public let rule: DisclosureRule
    public let keys: [CellKey]
    private let cells: [CellKey: ProtectedCell]

    init(dimensions: [StatisticalTable.Dimension], rule: DisclosureRule, keys: [CellKey],
         cells: [CellKey: ProtectedCell]) {
        self.dimensions = dimensions
        self.rule = rule
        self.keys = keys
        self.cells = cells
    }

    public subscript(key: CellKey) -> ProtectedCell? { cells[key] }

    public var publishedValues: [CellKey: Int] { cells.compactMapValues(\.publishedValue) }

    public var suppressedKeys: [CellKey] { keys.filter { cells[$0]?.isSuppressed == true } }

    /// The count per `scale` of `denominator` (children aged 0–17, say). Withheld when the count
    /// is suppressed, since a rate and a known population give the count straight back.
    public func rate(of numerator: CellKey, denominator: Double, per scale: Double = 100_000) -> Double? {
        guard let count = cells[numerator]?.publishedValue, denominator > 0, denominator.isFinite else {
            return nil
        }
        return Double(count) * scale / denominator
    }
}

extension StatisticalTable {
    /// The table as `rule` lets it be published. Suppression is deterministic; rounding draws
    /// from `generator`. Store what rounding publishes rather than rounding again per request:
    /// fresh draws of the same count average back to it.
    public func protected(by rule: DisclosureRule,
                          using generator: inout some RandomNumberGenerator) -> ProtectedTable {
        var cells: [CellKey: ProtectedCell] = [:]
        switch rule {
        case .suppress(let threshold):
            let hidden = DisclosureControl.suppressions(in: self, threshold: threshold)
            for (key, count) in zip(keys, values) {
                if let reason = hidden[key] {
                    cells[key] = ProtectedCell(value: .suppressed(reason))
                } else {
                    cells[key] = ProtectedCell(value: .published(count))
                }
            }
        case .randomRounding(let base):
            for (key, count) in zip(keys, values) {
                let rounded = DisclosureControl.randomlyRound(count, base: base, using: &generator)
                cells[key] = ProtectedCell(value: .published(rounded), isRounded: true)
            }
        }
        return ProtectedTable(dimensions: dimensions, rule: rule, keys: keys, cells: cells)
    }

    /// As `protected(by:using:)`, rounding with the system's generator.
    public func protected(by rule: DisclosureRule) -> ProtectedTable {
        var generator = SystemRandomNumberGenerator()
        return protected(by: rule, using: &generator)
    }
}

/// The two methods, kept apart from the table so each can be tested on its own.
enum DisclosureControl {
    /// Zero is not small: an empty cell names no one.
    static func isPrimary(_ count: Int, threshold: Int) -> Bool {
        count > 0 && count < threshold
    }

    /// Hidden cells and why. Every equation ends with no hidden cell or at least two, so no
    /// hidden cell is one subtraction away from published ones, and no hidden cell can be worked
    /// out by combining several equations either. `auditing: false` stops after the per-equation
    /// pass, only so that tests can show what the audit adds.
    static func suppressions(in table: StatisticalTable, threshold: Int,
                             auditing: Bool = true) -> [CellKey: SuppressionReason] {
        var hidden: [CellKey: SuppressionReason] = [:]
        for (key, count) in zip(table.keys, table.values) where isPrimary(count, threshold: threshold) {
            hidden[key] = .primary
        }
        let equations = table.equations
        let equationsByCell = equationIndex(equations)
        hideLoneCells(revisiting: Array(equations.indices), equations: equations,
                      equationsByCell: equationsByCell, hidden: &hidden, table: table)
        guard auditing else { return hidden }

        // Two hidden cells per equation stop a reader who works one sum at a time, not one who
        // combines them: in a few random tables in a hundred, adding and subtracting several sums
        // cancels every hidden cell but one, which then comes back exactly (a column total less
        // another column, with a row saying two hidden cells are equal, can leave a primary cell
        // alone). So the table is audited as a linear system, and while the audit can solve for
        // any hidden cell, one more cell is hidden in one of that cell's sums and the per-equation
        // pass runs again from it. Each round hides a cell that was published, so the loop ends,
        // at the latest with every cell hidden, when nothing can be solved for.
        let counts = table.counts
        while true {
            let published = counts.filter { hidden[$0.key] == nil }
            let audit = LinearAudit(equations: equations, published: published)
            guard let extra = cellToHide(against: audit.exposed, equations: equations,
                                         equationsByCell: equationsByCell, hidden: hidden, table: table) else {
                break
            }
            hidden[extra] = .secondary
            hideLoneCells(revisiting: equationsByCell[extra] ?? [], equations: equations,
                          equationsByCell: equationsByCell, hidden: &hidden, table: table)
        }
        return hidden
    }

    /// Hides a partner beside every lone hidden cell of the equations in `revisiting`. Equations
    /// are revisited only when one of their cells becomes hidden, which reaches the same fixed
    /// point as sweeping them all until nothing changes.
    private static func hideLoneCells(revisiting start: [Int], equations: [StatisticalTable.Equation],
                                      equationsByCell: [CellKey: [Int]],
                                      hidden: inout [CellKey: SuppressionReason], table: StatisticalTable) {
        var pending = start
        var next = 0
        while next < pending.count {
            let equation = equations[pending[next]]
            next += 1
            guard equation.cells.count(where: { hidden[$0] != nil }) == 1,
                  let companion = partner(in: equation, hidden: hidden, table: table) else { continue }
            hidden[companion] = .secondary
            pending += equationsByCell[companion] ?? []
        }
    }

    /// The cell to hide when the audit can solve for the `exposed` hidden cells, or nil when it
    /// can solve for none. Among the equations holding an exposed cell, their published part with
    /// the smallest positive count, as for a lone cell; failing that, their smallest published
    /// cell; failing that, the smallest published cell anywhere. Ties go by table order. The
    /// second choice may be a zero: a weak hiding place against guessing (see `partner`), but it
    /// does break the exact solution.
    private static func cellToHide(against exposed: [CellKey], equations: [StatisticalTable.Equation],
                                   equationsByCell: [CellKey: [Int]], hidden: [CellKey: SuppressionReason],
                                   table: StatisticalTable) -> CellKey? {
        guard !exposed.isEmpty else { return nil }
        let positions = Set(exposed.flatMap { equationsByCell[$0] ?? [] }).sorted()
        let touched = positions.map { equations[$0] }
        let positiveParts = touched.flatMap { $0.parts }.filter { hidden[$0] == nil && (table[$0] ?? 0) > 0 }
        let open = touched.flatMap { $0.cells }.filter { hidden[$0] == nil }
        let pool = !positiveParts.isEmpty ? positiveParts
            : !open.isEmpty ? open
            : table.keys.filter { hidden[$0] == nil }
        func order(_ key: CellKey) -> (Int, Int) { (table[key] ?? 0, table.ordinal(of: key) ?? 0) }
        return pool.min { order($0) < order($1) }
    }

    /// The cell to hide beside a lone hidden one. Parts go before the total, because a total is
    /// itself a part of wider sums and hiding it spreads further, and it is the figure readers
    /// most need. Among parts the smallest positive count costs the least information; a hidden
    /// zero protects little, being the first value anyone would guess.
    static func partner(in equation: StatisticalTable.Equation, hidden: [CellKey: SuppressionReason],
                        table: StatisticalTable) -> CellKey? {
        let open = equation.cells.filter { hidden[$0] == nil }
        let positiveParts = open.filter { $0 != equation.total && (table[$0] ?? 0) > 0 }
        let pool = positiveParts.isEmpty ? open : positiveParts
        return pool.min { rank(of: $0, in: equation, table: table) < rank(of: $1, in: equation, table: table) }
    }

    /// Smaller count first, then parts before the total, then table order.
    private static func rank(of key: CellKey, in equation: StatisticalTable.Equation,
                             table: StatisticalTable) -> (Int, Int, Int) {
        (table[key] ?? 0, key == equation.total ? 1 : 0, table.ordinal(of: key) ?? 0)
    }

    /// For each cell, the positions of the equations it appears in.
    private static func equationIndex(_ equations: [StatisticalTable.Equation]) -> [CellKey: [Int]] {
        var positions: [CellKey: [Int]] = [:]
        for (position, equation) in equations.enumerated() {
            for cell in equation.cells {
                positions[cell, default: []].append(position)
            }
        }
        return positions
    }

    /// Up to the next multiple of `base` with probability remainder / base, else down, so the
    /// expected published value is the true count.
    static func randomlyRound(_ count: Int, base: Int, using generator: inout some RandomNumberGenerator) -> Int {
        precondition(base > 0, "a rounding base must be positive")
        let remainder = count % base
        guard remainder > 0 else { return count }
        let roundsUp = Int.random(in: 0..<base, using: &generator) < remainder
        return count - remainder + (roundsUp ? base : 0)
    }
}
