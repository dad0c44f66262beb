import Foundation
import Testing
@testable import CoveCore

/// Hundreds of random submissions, each a random part of a random table per period (cells left out,
/// a few given empty, in random order), protected and then attacked with linear algebra by readers
/// who know more and more sums. The readers share no code with the protection's own sums.
@Suite("Statistics: publication protection properties")
struct PublicationProtectionPropertyTests {
    typealias Dimension = StatisticalTable.Dimension

    /// A submission with the true table of each of its periods.
    struct Submission {
        let structure: DataflowStructure
        let tables: [(period: TimePeriod, table: StatisticalTable)]
        let observations: [SDMXObservation]
    }

    @Test func noSuppressedCellCanBeRecoveredFromAPartialSubmission() throws {
        var random = SplitMix64(state: 0x9B1_15C_0DE5)
        var withSecondaries = 0
        var auditedAgainstEverySum = 0
        for number in 0..<200 {
            let submission = try Self.randomSubmission(using: &random)
            let threshold = [3, 5, 10][Int.random(in: 0..<3, using: &random)]
            let protection = try PublicationProtection(structure: submission.structure,
                                                       rule: .suppress(threshold: threshold))

            let published = try protection.protect(submission.observations)

            Self.checkValues(submission.observations, gave: published, threshold: threshold,
                             comment: "submission \(number)")
            for (period, table) in submission.tables {
                let readers = Self.attack(published, in: period, of: table, comment: "submission \(number), \(period)")
                auditedAgainstEverySum += readers == 3 ? 1 : 0
            }
            withSecondaries += published.contains(where: { $0.confidentialityStatus == "D" }) ? 1 : 0
        }
        #expect(withSecondaries > 60, "only \(withSecondaries) submissions needed secondary suppression")
        #expect(auditedAgainstEverySum > 20, "only \(auditedAgainstEverySum) periods had flat codelists")
    }

    /// A whole table submitted cell by cell, margins included, is protected exactly as the table is:
    /// the worked examples of the table tests, then random tables, hierarchies and all.
    @Test func aWholeTableSubmittedCellByCellIsProtectedAsTheTableIs() throws {
        var random = SplitMix64(state: 0x7AB1_E5)
        var tables = try [DisclosureControlTests.genderByChannel(), DisclosureControlTests.combinedSumsExample()]
        for _ in 0..<100 {
            try tables.append(DisclosureControlPropertyTests.randomTable(using: &random))
        }
        let period = try TimePeriod(parsing: "2025-Q1")
        for (number, table) in tables.enumerated() {
            let structure = Self.structure(of: table.dimensions)
            let submitted = table.keys.map { key in
                Self.observation(of: key, value: table[key].map { Double($0) }, in: structure, period: period)
            }

            let published = try PublicationProtection(structure: structure, rule: .standard).protect(submitted)

            let expected = table.protected(by: .standard)
            let differing = zip(table.keys, published).filter { key, observation in
                observation.confidentialityStatus != expected[key]?.confidentialityStatus
                    || observation.value.map { Int($0) } != expected[key]?.publishedValue
            }.map { $0.0 }
            #expect(differing.isEmpty, "table \(number): protected differently at \(differing)")
        }
    }

    /// Every observation comes back in its place. A submitted count is either published unchanged
    /// and free, or hidden, as primary exactly when it is small; an empty one stays empty.
    static func checkValues(_ submitted: [SDMXObservation], gave published: [SDMXObservation], threshold: Int,
                            comment: String) {
        #expect(published.map(\.seriesKey) == submitted.map(\.seriesKey), "\(comment): observations moved")
        for (before, after) in zip(submitted, published) {
            let place = "\(comment), \(before.seriesKey) in \(before.timePeriod)"
            guard let value = before.value else {
                #expect(after.value == nil && after.observationStatus == "O", "\(place): empty value changed")
                continue
            }
            let isSmall = DisclosureControl.isPrimary(Int(value), threshold: threshold)
            if let shown = after.value {
                #expect(!isSmall && shown == value && after.confidentialityStatus == "F", "\(place): published \(shown)")
            } else {
                #expect(after.observationStatus == "Q" && after.confidentialityStatus == (isSmall ? "C" : "D"),
                        "\(place): hidden with the wrong flags")
            }
        }
    }

    /// One period attacked by three readers: one who uses only sums whose cells were all submitted
    /// with a value; one who also uses sums with cells left out or empty, when at least one cell was
    /// submitted; and, where codelists are flat as in Cove's catalogue, one who uses every sum of the
    /// dataflow. None may solve for a hidden cell. Returns how many readers attacked.
    @discardableResult
    static func attack(_ published: [SDMXObservation], in period: TimePeriod, of table: StatisticalTable,
                       comment: String) -> Int {
        var values: [CellKey: Int] = [:]
        var hidden: Set<CellKey> = []
        var submitted: Set<CellKey> = []
        for observation in published where observation.timePeriod == period {
            let key = CellKey(codes: observation.seriesKey.components.map(\.code))
            submitted.insert(key)
            if let value = observation.value {
                values[key] = Int(value)
            } else if observation.observationStatus == "Q" {
                hidden.insert(key)
            }
        }
        let withValues = hidden.union(values.keys)
        let sums = table.equations
        var readers = [
            ("complete sums", sums.filter { sum in sum.cells.allSatisfy { withValues.contains($0) } }),
            ("sums touching the submission", sums.filter { sum in sum.cells.contains { submitted.contains($0) } }),
        ]
        if table.dimensions.allSatisfy({ $0.parents.isEmpty }) {
            readers.append(("every sum", sums))
        }
        for (name, equations) in readers {
            let audit = LinearAudit(equations: equations, published: values)
            let recovered = audit.exposed.filter { hidden.contains($0) }
            #expect(recovered.isEmpty, "\(comment), \(name): recovered \(recovered)")
        }
        return readers.count
    }

    /// Two or three dimensions as in the table properties, half of them hierarchical; one or two
    /// quarters, each a table of its own, cut at random.
    static func randomSubmission(using random: inout SplitMix64) throws -> Submission {
        var dimensions: [Dimension] = []
        for axis in 0..<Int.random(in: 2...3, using: &random) {
            try dimensions.append(DisclosureControlPropertyTests.randomDimension(id: "D\(axis)", using: &random))
        }
        let structure = Self.structure(of: dimensions)
        var tables: [(period: TimePeriod, table: StatisticalTable)] = []
        var observations: [SDMXObservation] = []
        for quarter in 1...Int.random(in: 1...2, using: &random) {
            let period = try TimePeriod(parsing: "2025-Q\(quarter)")
            let table = try randomTable(of: dimensions, using: &random)
            tables.append((period: period, table: table))
            observations += cut(table, period: period, structure: structure, using: &random)
        }
        observations.shuffle(using: &random)
        return Submission(structure: structure, tables: tables, observations: observations)
    }

    /// A dataflow with the dimensions' codes and a sum rule for every code with children.
    static func structure(of dimensions: [Dimension]) -> DataflowStructure {
        let components = dimensions.map {
            DataflowStructure.CodedComponent(id: $0.id, codelist: "CL_\($0.id)", codes: Set($0.allCodes))
        }
        let rules = dimensions.flatMap { dimension in
            dimension.allCodes.filter { !dimension.isLeaf($0) }.map { code in
                DataflowStructure.SumRule(dimension: dimension.id, total: code, parts: dimension.children(of: code))
            }
        }
        return DataflowStructure(agency: "COVE", id: "RANDOM", version: "1.0", dimensions: components, rules: rules)
    }

    static func randomTable(of dimensions: [Dimension], using random: inout SplitMix64) throws -> StatisticalTable {
        let empty = try StatisticalTable.summing(dimensions: dimensions, leafCounts: [:])
        var leafCounts: [CellKey: Int] = [:]
        for key in empty.keys where zip(dimensions, key.codes).allSatisfy({ $0.isLeaf($1) }) {
            leafCounts[key] = DisclosureControlPropertyTests.skewedCount(using: &random)
        }
        return try StatisticalTable.summing(dimensions: dimensions, leafCounts: leafCounts)
    }

    /// Keeps three in ten cells, or six, or nine, or all; one kept cell in twenty has no value.
    static func cut(_ table: StatisticalTable, period: TimePeriod, structure: DataflowStructure,
                    using random: inout SplitMix64) -> [SDMXObservation] {
        let share = [0.3, 0.6, 0.9, 1.0][Int.random(in: 0..<4, using: &random)]
        var observations: [SDMXObservation] = []
        for key in table.keys {
            guard Double.random(in: 0..<1, using: &random) < share else { continue }
            let isEmpty = Int.random(in: 0..<20, using: &random) == 0
            let value = isEmpty ? nil : table[key].map { Double($0) }
            observations.append(observation(of: key, value: value, in: structure, period: period))
        }
        return observations
    }

    static func observation(of key: CellKey, value: Double?, in structure: DataflowStructure,
                            period: TimePeriod) -> SDMXObservation {
        let series = SeriesKey(zip(structure.dimensions, key.codes).map {
            SeriesKey.Component(dimension: $0.id, code: $1)
        })
        return SDMXObservation(dataflow: structure.reference, seriesKey: series, timePeriod: period, value: value)
    }
}
