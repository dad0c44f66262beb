import Foundation
import Testing
@testable import CoveCore

@Suite("Statistics: disclosure control")
struct DisclosureControlTests {
    typealias Dimension = StatisticalTable.Dimension

    /// Contacts by gender and channel; girls' SMS (3) is the only small count.
    ///
    ///             VOICE  SMS  CHAT |  _T
    ///     F          12    3    20 |  35
    ///     M           6   15    10 |  31
    ///     _T         18   18    30 |  66
    static func genderByChannel() throws -> StatisticalTable {
        try StatisticalTable.summing(dimensions: genderAndChannel(), leafCounts: [
            ["F", "VOICE"]: 12, ["F", "SMS"]: 3, ["F", "CHAT"]: 20,
            ["M", "VOICE"]: 6, ["M", "SMS"]: 15, ["M", "CHAT"]: 10,
        ])
    }

    static func genderAndChannel() throws -> [Dimension] {
        try [Dimension(id: "SEX", codes: ["F", "M"]), Dimension(id: "CHANNEL", codes: ["VOICE", "SMS", "CHAT"])]
    }

    static func keys(_ protected: ProtectedTable, hiddenAs reason: SuppressionReason) -> Set<CellKey> {
        Set(protected.keys.filter { protected[$0]?.suppressionReason == reason })
    }

    @Test func marginsAreSummedFromTheInnermostCells() throws {
        let table = try Self.genderByChannel()

        #expect(table[["F", "_T"]] == 35)
        #expect(table[["_T", "SMS"]] == 18)
        #expect(table[["_T", "_T"]] == 66)
        #expect(table.equations.count == 7, "four column sums and three row sums")
    }

    /// By hand: the SMS column has one hidden cell, so boys' SMS (15) goes; girls' row then hides
    /// its smallest other count, voice (12), and boys' row, now with SMS hidden, its smallest
    /// other, voice (6), which also closes the voice column. Chat and every margin stay published.
    @Test func theWorkedExampleHidesARectangleAroundTheSmallCount() throws {
        let protected = try Self.genderByChannel().protected(by: .suppress(threshold: 5))

        let primary: Set<CellKey> = [["F", "SMS"]]
        let secondary: Set<CellKey> = [["M", "SMS"], ["F", "VOICE"], ["M", "VOICE"]]
        #expect(Self.keys(protected, hiddenAs: .primary) == primary)
        #expect(Self.keys(protected, hiddenAs: .secondary) == secondary)
        #expect(protected[["F", "CHAT"]]?.publishedValue == 20)
        #expect(protected[["M", "_T"]]?.publishedValue == 31)
        #expect(protected[["_T", "VOICE"]]?.publishedValue == 18)
    }

    @Test func suppressedCellsCarryTheirSDMXFlags() throws {
        let protected = try Self.genderByChannel().protected(by: .standard)

        let primary = try #require(protected[["F", "SMS"]])
        let secondary = try #require(protected[["M", "SMS"]])
        let published = try #require(protected[["F", "CHAT"]])
        #expect([primary.observationStatus, primary.confidentialityStatus] == ["Q", "C"])
        #expect([secondary.observationStatus, secondary.confidentialityStatus] == ["Q", "D"])
        #expect([published.observationStatus, published.confidentialityStatus] == ["A", "F"])
        #expect(!published.isRounded)
    }

    @Test func zerosAreNotSuppressed() throws {
        let table = try StatisticalTable.summing(dimensions: Self.genderAndChannel(), leafCounts: [
            ["F", "SMS"]: 7, ["M", "VOICE"]: 9, ["M", "CHAT"]: 25,
        ])

        let protected = table.protected(by: .standard)

        #expect(protected.suppressedKeys.isEmpty)
        #expect(protected[["F", "VOICE"]]?.publishedValue == 0)
        #expect(protected[["M", "SMS"]]?.confidentialityStatus == "F")
    }

    /// Grooming (2) is small, and so is its category, online harm (2), since sextortion is 0.
    /// Grooming and online harm already share their sum; at the top level online harm is alone,
    /// so the smallest positive other category, mental health (25), is hidden too.
    @Test func aSmallSubcategoryIsProtectedUpItsHierarchy() throws {
        let category = try Dimension(id: "CATEGORY", codes: ["VIOLENCE", "MENTAL", "ONLINE", "GROOMING", "SEXTORTION"],
                                     parents: ["GROOMING": "ONLINE", "SEXTORTION": "ONLINE"])
        let table = try StatisticalTable.summing(dimensions: [category], leafCounts: [
            ["VIOLENCE"]: 40, ["MENTAL"]: 25, ["GROOMING"]: 2, ["SEXTORTION"]: 0,
        ])

        let protected = table.protected(by: .standard)

        let equations = [
            StatisticalTable.Equation(total: ["ONLINE"], parts: [["GROOMING"], ["SEXTORTION"]]),
            StatisticalTable.Equation(total: ["_T"], parts: [["VIOLENCE"], ["MENTAL"], ["ONLINE"]]),
        ]
        let primary: Set<CellKey> = [["GROOMING"], ["ONLINE"]]
        let secondary: Set<CellKey> = [["MENTAL"]]
        #expect(table.equations == equations)
        #expect(Self.keys(protected, hiddenAs: .primary) == primary)
        #expect(Self.keys(protected, hiddenAs: .secondary) == secondary)
        #expect(protected[["SEXTORTION"]]?.publishedValue == 0)
        #expect(protected[["_T"]]?.publishedValue == 67)
    }

    /// Per-equation suppression alone hides the five small counts and C1.C0, C2.C1, C2._T and
    /// _T.C0 (starred below), leaving every sum with no hidden cell or two. Yet the _T column less
    /// the C1 column gives C0._T + C2._T − C0.C1 − C2.C1 = 1, row C2 says C2.C1 = C2._T, and row
    /// C0 says C0._T − C0.C1 = C0.C0: one comes back. The audit finds it, and breaking it costs
    /// one more cell from row C0 or column C0. Both have only zeros left to hide, C0.C2 first in
    /// table order.
    ///
    ///             C0    C1    C2 |   _T
    ///     C0     *1*   *3*     0 |  *4*
    ///     C1    *35*    49   *1* |   85
    ///     C2       0  *36*     0 | *36*
    ///     _T    *36*    88   *1* |  125
    static func combinedSumsExample() throws -> StatisticalTable {
        let dimensions = try ["D0", "D1"].map { try Dimension(id: $0, codes: ["C0", "C1", "C2"]) }
        return try StatisticalTable.summing(dimensions: dimensions, leafCounts: [
            ["C0", "C0"]: 1, ["C0", "C1"]: 3, ["C0", "C2"]: 0,
            ["C1", "C0"]: 35, ["C1", "C1"]: 49, ["C1", "C2"]: 1,
            ["C2", "C0"]: 0, ["C2", "C1"]: 36, ["C2", "C2"]: 0,
        ])
    }

    @Test func aCellRecoverableOnlyByCombiningSumsIsProtected() throws {
        let table = try Self.combinedSumsExample()

        let protected = table.protected(by: .suppress(threshold: 5))

        let audit = LinearAudit(equations: table.equations, published: protected.publishedValues)
        let primary: Set<CellKey> = [["C0", "C0"], ["C0", "C1"], ["C0", "_T"], ["C1", "C2"], ["_T", "C2"]]
        let secondary: Set<CellKey> = [["C1", "C0"], ["C2", "C1"], ["C2", "_T"], ["_T", "C0"], ["C0", "C2"]]
        #expect(Self.keys(protected, hiddenAs: .primary) == primary)
        #expect(Self.keys(protected, hiddenAs: .secondary) == secondary)
        #expect(Set(audit.unknowns) == primary.union(secondary))
        #expect(audit.isExact)
        #expect(audit.exposed.isEmpty, "solvable: \(audit.exposed)")
        #expect(protected[["_T", "_T"]]?.publishedValue == 125)
    }

    @Test func ratesAreWithheldWhenTheirCountIsSuppressed() throws {
        let protected = try Self.genderByChannel().protected(by: .standard)

        #expect(protected.rate(of: ["F", "_T"], denominator: 700_000) == 5)
        #expect(protected.rate(of: ["_T", "_T"], denominator: 660, per: 100) == 10)
        #expect(protected.rate(of: ["F", "SMS"], denominator: 700_000) == nil)
        #expect(protected.rate(of: ["M", "VOICE"], denominator: 700_000) == nil)
        #expect(protected.rate(of: ["F", "_T"], denominator: 0) == nil)
    }

    @Test(arguments: [3, 5])
    func roundedCountsAreNearbyMultiplesOfTheBase(base: Int) throws {
        let table = try Self.genderByChannel()
        var random = SplitMix64(state: 0x0123_4567_89AB_CDEF)

        let protected = table.protected(by: .randomRounding(base: base), using: &random)

        for key in table.keys {
            let cell = try #require(protected[key])
            let value = try #require(cell.publishedValue)
            let count = try #require(table[key])
            #expect(value % base == 0, "\(key)")
            #expect(abs(value - count) < base, "\(key)")
            #expect(cell.isRounded && cell.confidentialityStatus == "F", "\(key)")
        }
    }

    @Test func roundingIsTheSameForTheSameSeed() throws {
        let table = try Self.genderByChannel()
        var first = SplitMix64(state: 42)
        var second = SplitMix64(state: 42)

        let once = table.protected(by: .randomRounding(base: 5), using: &first)
        let again = table.protected(by: .randomRounding(base: 5), using: &second)

        #expect(once == again)
    }

    /// 7 to base 5 goes up to 10 with probability 2/5, so on average stays 7.
    @Test func roundingIsUnbiased() {
        var random = SplitMix64(state: 0xD1CE)

        let draws = (0..<20_000).map { _ in DisclosureControl.randomlyRound(7, base: 5, using: &random) }
        let zero = DisclosureControl.randomlyRound(0, base: 3, using: &random)
        let multiple = DisclosureControl.randomlyRound(9, base: 3, using: &random)

        let mean = Double(draws.reduce(0, +)) / Double(draws.count)
        #expect(Set(draws) == [5, 10])
        #expect(abs(mean - 7) < 0.1, "mean \(mean)")
        #expect(zero == 0 && multiple == 9)
    }

    @Test func marginsThatDoNotAddUpAreRefused() throws {
        let dimension = try Dimension(id: "X", codes: ["A", "B"])

        #expect(throws: StatisticalTableError.inconsistentTotal(["_T"], expected: 5, found: 6)) {
            try StatisticalTable(dimensions: [dimension], counts: [["A"]: 2, ["B"]: 3, ["_T"]: 6])
        }
        #expect(throws: StatisticalTableError.notLeaf(["_T"])) {
            try StatisticalTable.summing(dimensions: [dimension], leafCounts: [["_T"]: 5])
        }
    }

    @Test func malformedHierarchiesAreRefused() {
        #expect(throws: StatisticalTableError.cyclicHierarchy(dimension: "X", code: "A")) {
            try Dimension(id: "X", codes: ["A", "B"], parents: ["A": "B", "B": "A"])
        }
        #expect(throws: StatisticalTableError.unknownCode(dimension: "X", code: "Z")) {
            try Dimension(id: "X", codes: ["A", "B"], parents: ["A": "Z"])
        }
        #expect(throws: StatisticalTableError.duplicateCode(dimension: "X", code: "A")) {
            try Dimension(id: "X", codes: ["A", "B", "A"])
        }
    }

    @Test func rulesReadAndWriteTheirJSONShape() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys

        let suppression = try encoder.encode(DisclosureRule.suppress(threshold: 5))
        let rounding = try encoder.encode(DisclosureRule.randomRounding(base: 3))
        let defaulted = Data(#"{"method":"suppression"}"#.utf8)

        #expect(String(decoding: suppression, as: UTF8.self) == #"{"method":"suppression","threshold":5}"#)
        #expect(String(decoding: rounding, as: UTF8.self) == #"{"base":3,"method":"rounding"}"#)
        #expect(try JSONDecoder().decode(DisclosureRule.self, from: rounding) == .randomRounding(base: 3))
        #expect(try JSONDecoder().decode(DisclosureRule.self, from: defaulted) == DisclosureRule.standard)
    }

    @Test(arguments: [
        #"{"method":"rounding","base":4}"#,
        #"{"method":"suppression","threshold":1}"#,
        #"{"method":"noise"}"#,
        #"{"threshold":5}"#,
    ])
    func unsafeOrUnknownRulesAreRefused(json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(DisclosureRule.self, from: Data(json.utf8)) }
    }
}
