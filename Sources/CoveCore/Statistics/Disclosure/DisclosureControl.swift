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
            let hidden = DisclosureControl.suppressions(in: linkedCells, threshold: threshold)
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

    /// Hidden cells of a table and why; see `suppressions(in:threshold:auditing:)` for cells.
    static func suppressions(in table: StatisticalTable, threshold: Int,
                             auditing: Bool = true) -> [CellKey: SuppressionReason] {
        suppressions(in: table.linkedCells, threshold: threshold, auditing: auditing)
    }

    /// Hidden cells and why. No sum is left with a hidden cell as its only unknown, so no hidden
    /// cell is one subtraction away from published ones, and no hidden cell can be worked out by
    /// combining several sums either. Each group of cells joined by sums is protected on its own,
    /// since no other group says anything about it. `auditing: false` stops after the per-sum
    /// pass, only so that tests can show what the audit adds.
    static func suppressions(in cells: LinkedCells, threshold: Int,
                             auditing: Bool = true) -> [CellKey: SuppressionReason] {
        var hidden: [CellKey: SuppressionReason] = [:]
        for group in cells.components {
            var search = SuppressionSearch(cells: group, threshold: threshold)
            if auditing {
                search.closeCombinedSums()
            }
            hidden.merge(search.hidden) { kept, _ in kept }
        }
        return hidden
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
