import Foundation
import Testing
@testable import CoveCore

/// The linear-algebra audit on examples worked by hand.
@Suite("Statistics: disclosure audit")
struct DisclosureAuditTests {
    /// The combined-sums example as the per-equation pass alone leaves it: C0.C0 comes back as 1
    /// only by combining sums, which subtraction never finds, while C0.C1 beside it stays unknown.
    @Test func theAuditSolvesWhatNoSingleSumGives() throws {
        let table = try DisclosureControlTests.combinedSumsExample()
        let hidden = DisclosureControl.suppressions(in: table, threshold: 5, auditing: false)
        let careless = DisclosureControlPropertyTests.publishing(table, hiding: Set(hidden.keys))

        let audit = LinearAudit(equations: table.equations, published: careless.publishedValues)
        let bySubtraction = DisclosureControlPropertyTests.attack(careless, equations: table.equations)

        let determined: [CellKey: Int] = [["C0", "C0"]: 1]
        let exposed: [CellKey] = [["C0", "C0"]]
        #expect(hidden.count == 9)
        #expect(audit.determined == determined)
        #expect(audit.exposed == exposed)
        #expect(audit.determined[["C0", "C1"]] == nil)
        #expect(careless.suppressedKeys.allSatisfy { bySubtraction[$0] == nil })
    }

    /// X + Y = 5, Y + Z = 7 and X + Z = 6 give X = 2, Y = 3, Z = 4 only all together, halving on
    /// the way; V + W = 9 leaves V and W unknown.
    @Test func theAuditGivesValuesAndLeavesFreeCellsAlone() {
        let equations = [
            StatisticalTable.Equation(total: ["S1"], parts: [["X"], ["Y"]]),
            StatisticalTable.Equation(total: ["S2"], parts: [["Y"], ["Z"]]),
            StatisticalTable.Equation(total: ["S3"], parts: [["X"], ["Z"]]),
            StatisticalTable.Equation(total: ["S4"], parts: [["V"], ["W"]]),
        ]
        let published: [CellKey: Int] = [["S1"]: 5, ["S2"]: 7, ["S3"]: 6, ["S4"]: 9]

        let audit = LinearAudit(equations: equations, published: published)

        let unknowns: [CellKey] = [["X"], ["Y"], ["Z"], ["V"], ["W"]]
        let determined: [CellKey: Int] = [["X"]: 2, ["Y"]: 3, ["Z"]: 4]
        #expect(audit.unknowns == unknowns)
        #expect(audit.determined == determined)
        #expect(audit.exposed == Array(unknowns.prefix(3)))
        #expect(audit.isExact)
    }

    /// A = B + C with B at Int.max cannot be solved in Int: A is undecided, so exposed, never
    /// passed as safe. D = E + F with only E published stays unknown, and decided.
    @Test func overflowLeavesCellsExposedNotSafe() {
        let equations = [
            StatisticalTable.Equation(total: ["A"], parts: [["B"], ["C"]]),
            StatisticalTable.Equation(total: ["D"], parts: [["E"], ["F"]]),
        ]
        let published: [CellKey: Int] = [["B"]: Int.max, ["C"]: 1, ["E"]: 1]

        let audit = LinearAudit(equations: equations, published: published)

        let a: [CellKey] = [["A"]]
        #expect(!audit.isExact)
        #expect(audit.undecided == a)
        #expect(audit.exposed == a)
        #expect(audit.determined.isEmpty)
    }
}

/// Hundreds of random tables, each attacked the way a reader would: with a calculator, one sum at
/// a time, and with linear algebra, all sums at once. The two attackers share no code.
@Suite("Statistics: disclosure control properties")
struct DisclosureControlPropertyTests {
    typealias Dimension = StatisticalTable.Dimension

    @Test func noSuppressedCellCanBeRecovered() throws {
        var random = SplitMix64(state: 0xD15C_105E_C0DE_0005)
        var withSecondaries = 0
        var hierarchical = 0
        var solvableWithoutAudit = 0
        for number in 0..<300 {
            let table = try Self.randomTable(using: &random)
            let threshold = [3, 5, 10][Int.random(in: 0..<3, using: &random)]

            let protected = table.protected(by: .suppress(threshold: threshold))

            Self.checkSuppression(of: table, threshold: threshold, gave: protected, comment: "table \(number)")
            let small = table.keys.filter { DisclosureControl.isPrimary(table[$0] ?? 0, threshold: threshold) }
            Self.checkAuditAgainstSubtraction(table, hiding: Set(small), comment: "table \(number), small only")
            let unaudited = DisclosureControl.suppressions(in: table, threshold: threshold, auditing: false)
            let leftOver = Self.checkAuditAgainstSubtraction(table, hiding: Set(unaudited.keys),
                                                             comment: "table \(number), per-equation pass only")
            solvableWithoutAudit += leftOver.determined.isEmpty ? 0 : 1
            withSecondaries += protected.keys.contains(where: { protected[$0]?.suppressionReason == .secondary }) ? 1 : 0
            hierarchical += table.dimensions.contains(where: { !$0.parents.isEmpty }) ? 1 : 0
        }
        #expect(withSecondaries > 100, "only \(withSecondaries) tables needed secondary suppression")
        #expect(hierarchical > 50, "only \(hierarchical) tables had a hierarchy")
        #expect(solvableWithoutAudit > 0, "the per-equation pass alone never left a cell to combined sums")
    }

    /// Nothing hidden comes back by subtraction or by combining sums, nothing published is
    /// altered, no sum is left with a lone hidden cell, exactly the small counts are primary, and a
    /// second run agrees.
    static func checkSuppression(of table: StatisticalTable, threshold: Int, gave protected: ProtectedTable,
                                 comment: String) {
        let recovered = attack(protected, equations: table.equations)
        let leaks = protected.suppressedKeys.filter { recovered[$0] != nil }
        let audit = LinearAudit(equations: table.equations, published: protected.publishedValues)
        let altered = protected.publishedValues.filter { table[$0.key] != $0.value }
        let lone = table.equations.filter { equation in
            equation.cells.count(where: { protected[$0]?.isSuppressed == true }) == 1
        }.map(\.total)
        let misjudged = table.keys.filter { key in
            let isPrimary = DisclosureControl.isPrimary(table[key] ?? 0, threshold: threshold)
            return isPrimary != (protected[key]?.suppressionReason == .primary)
        }
        #expect(leaks.isEmpty, "\(comment): recovered \(leaks)")
        #expect(Set(audit.unknowns) == Set(protected.suppressedKeys), "\(comment): the audit missed hidden cells")
        #expect(audit.exposed.isEmpty, "\(comment): solvable by combining sums \(audit.exposed)")
        #expect(altered.isEmpty, "\(comment): published wrong values at \(Array(altered.keys))")
        #expect(lone.isEmpty, "\(comment): sums with one hidden cell, totals \(lone)")
        #expect(misjudged.isEmpty, "\(comment): wrong primary status at \(misjudged)")
        #expect(table.protected(by: .suppress(threshold: threshold)) == protected, "\(comment): not deterministic")
    }

    /// Whatever subtraction recovers from `table` with `hidden` hidden, the audit determines too,
    /// and every value the audit gives is the true count. Returns the audit.
    @discardableResult
    static func checkAuditAgainstSubtraction(_ table: StatisticalTable, hiding hidden: Set<CellKey>,
                                             comment: String) -> LinearAudit {
        let careless = publishing(table, hiding: hidden)
        let bySubtraction = attack(careless, equations: table.equations)
        let audit = LinearAudit(equations: table.equations, published: careless.publishedValues)
        let missed = careless.suppressedKeys.filter { bySubtraction[$0] != nil && audit.determined[$0] == nil }
        let wrong = careless.suppressedKeys.filter { key in audit.determined[key].map { $0 != table[key] } ?? false }
        #expect(audit.isExact, "\(comment): undecided \(audit.undecided)")
        #expect(missed.isEmpty, "\(comment): the audit missed \(missed)")
        #expect(wrong.isEmpty, "\(comment): the audit got \(wrong) wrong")
        return audit
    }

    /// `table` published whole but for `hidden`: protection done carelessly, to attack.
    static func publishing(_ table: StatisticalTable, hiding hidden: Set<CellKey>) -> ProtectedTable {
        var cells: [CellKey: ProtectedCell] = [:]
        for key in table.keys {
            if hidden.contains(key) {
                cells[key] = ProtectedCell(value: .suppressed(.primary))
            } else {
                cells[key] = ProtectedCell(value: .published(table[key] ?? 0))
            }
        }
        return ProtectedTable(dimensions: table.dimensions, rule: .standard, keys: table.keys, cells: cells)
    }

    /// Shows neither attacker is toothless: hide only the small count and it comes straight back.
    @Test func theAttackersRecoverAPrimaryCellLeftAlone() throws {
        let table = try DisclosureControlTests.genderByChannel()
        let small: CellKey = ["F", "SMS"]
        let careless = Self.publishing(table, hiding: [small])

        let bySubtraction = Self.attack(careless, equations: table.equations)
        let audit = LinearAudit(equations: table.equations, published: careless.publishedValues)

        #expect(bySubtraction[small] == 3)
        #expect(audit.determined[small] == 3)
    }

    @Test func roundedRandomTablesStayWithinOneBaseOfTheTruth() throws {
        var random = SplitMix64(state: 0xB0A5_E003)
        for number in 0..<100 {
            let table = try Self.randomTable(using: &random)
            let base = Bool.random(using: &random) ? 3 : 5

            let protected = table.protected(by: .randomRounding(base: base), using: &random)

            let wrong = table.keys.filter { key in
                guard let value = protected[key]?.publishedValue, let count = table[key] else { return true }
                return value % base != 0 || abs(value - count) >= base
            }
            #expect(wrong.isEmpty, "table \(number), base \(base): \(wrong)")
        }
    }

    /// An intruder who knows every published value and every sum, and solves any sum with a
    /// single unknown by subtraction, again and again until nothing more comes out. `LinearAudit`
    /// finds all this finds and more; this stays as a check on it that shares none of its code.
    static func attack(_ protected: ProtectedTable, equations: [StatisticalTable.Equation]) -> [CellKey: Int] {
        var known = protected.publishedValues
        var learned = true
        while learned {
            learned = false
            for equation in equations {
                let unknown = equation.cells.filter { known[$0] == nil }
                guard unknown.count == 1, let cell = unknown.first else { continue }
                let knownParts = equation.parts.compactMap { known[$0] }.reduce(0, +)
                if cell == equation.total {
                    known[cell] = knownParts
                } else if let total = known[equation.total] {
                    known[cell] = total - knownParts
                }
                learned = true
            }
        }
        return known
    }

    /// Two or three dimensions of two to five codes, with many empty and small cells, as in one
    /// helpline's month broken down by age and gender.
    static func randomTable(using random: inout SplitMix64) throws -> StatisticalTable {
        var dimensions: [Dimension] = []
        for axis in 0..<Int.random(in: 2...3, using: &random) {
            try dimensions.append(randomDimension(id: "D\(axis)", using: &random))
        }
        let empty = try StatisticalTable.summing(dimensions: dimensions, leafCounts: [:])
        var leafCounts: [CellKey: Int] = [:]
        for key in empty.keys where zip(dimensions, key.codes).allSatisfy({ $0.isLeaf($1) }) {
            leafCounts[key] = skewedCount(using: &random)
        }
        return try StatisticalTable.summing(dimensions: dimensions, leafCounts: leafCounts)
    }

    /// Half the dimensions are hierarchical: a code may hang under any earlier code, which gives
    /// chains, several levels and parents with a single child.
    static func randomDimension(id: String, using random: inout SplitMix64) throws -> Dimension {
        let codes = (0..<Int.random(in: 2...5, using: &random)).map { "C\($0)" }
        var parents: [String: String] = [:]
        if Bool.random(using: &random) {
            for index in codes.indices.dropFirst() where Bool.random(using: &random) {
                parents[codes[index]] = codes[Int.random(in: 0..<index, using: &random)]
            }
        }
        return try Dimension(id: id, codes: codes, parents: parents)
    }

    /// Three in ten empty, four in ten from 1 to 4, the rest 5 to 60: small cells everywhere.
    static func skewedCount(using random: inout SplitMix64) -> Int {
        switch Int.random(in: 0..<10, using: &random) {
        case 0..<3: return 0
        case 3..<7: return Int.random(in: 1...4, using: &random)
        default: return Int.random(in: 5...60, using: &random)
        }
    }
}
