import Foundation
import Testing
@testable import CoveCore

/// Disclosure control of submissions on examples worked by hand; random submissions are in
/// `PublicationProtectionPropertyTests`.
@Suite("Statistics: publication protection")
struct PublicationProtectionTests {
    typealias SumRule = DataflowStructure.SumRule

    /// Contacts by sex and channel, with both totals; a submission gives any of its cells.
    static let sexByChannel = DataflowStructure(
        agency: "COVE", id: "SEX_BY_CHANNEL", version: "1.0",
        dimensions: [.init(id: "SEX", codelist: "CL_SEX", codes: ["F", "M", "_T"]),
                     .init(id: "CHANNEL", codelist: "CL_CHANNEL", codes: ["VOICE", "SMS", "_T"])],
        rules: [SumRule(dimension: "SEX", total: "_T", parts: ["F", "M"]),
                SumRule(dimension: "CHANNEL", total: "_T", parts: ["VOICE", "SMS"])])

    /// HELPLINE_OPERATIONS in small: waits are seconds, summed over channels like the counts.
    static let operations = DataflowStructure(
        agency: "COVE", id: "OPERATIONS", version: "1.0",
        dimensions: [.init(id: "REF_AREA", codelist: "CL_AREA", codes: ["KE", "GB"]),
                     .init(id: "CHANNEL", codelist: "CL_CHANNEL", codes: ["voice", "sms", "_T"]),
                     .init(id: "MEASURE", codelist: "CL_OPERATIONS_MEASURE", codes: ["OFFERED", "ANSWERED", "WAIT_SECONDS"])],
        rules: [SumRule(dimension: "CHANNEL", total: "_T", parts: ["voice", "sms"])])

    /// Kenya's operations in one month: two answered texts, whose total wait must go with them.
    static let operationsCells: [(String, Double?)] = [
        ("KE.voice.OFFERED", 50), ("KE.sms.OFFERED", 6), ("KE._T.OFFERED", 56),
        ("KE.voice.ANSWERED", 40), ("KE.sms.ANSWERED", 3), ("KE._T.ANSWERED", 43),
        ("KE.voice.WAIT_SECONDS", 1200.5), ("KE.sms.WAIT_SECONDS", 95), ("KE._T.WAIT_SECONDS", 1295.5),
        ("GB._T.WAIT_SECONDS", 600),
    ]

    static func observation(_ dotted: String, value: Double?, in structure: DataflowStructure,
                            period: String = "2025-Q1", unitMultiplier: Int? = nil) throws -> SDMXObservation {
        let codes = dotted.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let key = SeriesKey(zip(structure.dimensions, codes).map { SeriesKey.Component(dimension: $0.id, code: $1) })
        let timePeriod = try TimePeriod(parsing: period)
        return SDMXObservation(dataflow: structure.reference, seriesKey: key, timePeriod: timePeriod,
                               value: value, unitMultiplier: unitMultiplier)
    }

    static func observations(_ cells: [(String, Double?)], in structure: DataflowStructure = SDMXFixtures.structure,
                             period: String = "2025-Q1") throws -> [SDMXObservation] {
        try cells.map { try observation($0.0, value: $0.1, in: structure, period: period) }
    }

    /// By dotted key and period: "Q.KE.F 2025-Q1".
    static func keyed(_ observations: [SDMXObservation]) -> [String: SDMXObservation] {
        Dictionary(uniqueKeysWithValues: observations.map { ("\($0.seriesKey) \($0.timePeriod)", $0) })
    }

    /// OBS_STATUS and CONF_STATUS, nil for an observation that is not there.
    static func flags(_ observation: SDMXObservation?) -> [String?] {
        [observation?.observationStatus, observation?.confidentialityStatus]
    }

    /// The boys' count (80) is the smallest other part of the sum; the total stays published. The
    /// next quarter has no small count and is left alone: sums never cross periods.
    @Test func aSmallCountAndItsPartnerAreHiddenInAGenderBreakdown() throws {
        let protection = try PublicationProtection(structure: SDMXFixtures.structure, rule: .standard)
        let first = try Self.observations([("Q.KE.F", 120), ("Q.KE.M", 80), ("Q.KE.U", 3), ("Q.KE._T", 203)])
        let second = try Self.observations([("Q.KE.F", 130), ("Q.KE.M", 90), ("Q.KE.U", 7), ("Q.KE._T", 227)],
                                           period: "2025-Q2")

        let published = try Self.keyed(protection.protect(first + second))

        let small = try #require(published["Q.KE.U 2025-Q1"])
        let partner = try #require(published["Q.KE.M 2025-Q1"])
        #expect(small.value == nil && partner.value == nil)
        #expect(Self.flags(small) == ["Q", "C"])
        #expect(Self.flags(partner) == ["Q", "D"])
        #expect(published["Q.KE.F 2025-Q1"]?.value == 120)
        #expect(published["Q.KE._T 2025-Q1"]?.value == 203)
        #expect(Self.flags(published["Q.KE._T 2025-Q1"]) == ["A", "F"])
        #expect(published["Q.KE.U 2025-Q2"]?.value == 7)
        #expect(published["Q.KE.M 2025-Q2"]?.value == 90)
    }

    /// Girls' total (4) is the total of girls by channel, all small, and a part of the sum by sex,
    /// where it is alone: the boys' total goes with it, and the grand total stays.
    @Test func aCellThatIsATotalInOneSumAndAPartInAnotherIsProtectedInBoth() throws {
        let protection = try PublicationProtection(structure: Self.sexByChannel, rule: .standard)
        let submitted = try Self.observations([("F.VOICE", 1), ("F.SMS", 3), ("F._T", 4), ("M._T", 31), ("_T._T", 35)],
                                              in: Self.sexByChannel)

        let published = try Self.keyed(protection.protect(submitted))

        for primary in ["F.VOICE", "F.SMS", "F._T"] {
            #expect(Self.flags(published["\(primary) 2025-Q1"]) == ["Q", "C"], "\(primary)")
        }
        #expect(Self.flags(published["M._T 2025-Q1"]) == ["Q", "D"])
        #expect(published["_T._T 2025-Q1"]?.value == 35)
    }

    /// Girls' total is left out (or given empty), but girls by channel give it back, and with it the
    /// boys' 3 from the grand total. Counting only sums whose cells were all submitted would see no
    /// sum here at all and publish the grand total.
    @Test(arguments: [false, true])
    func aCellLeftOutStillLinksTheSumsItIsIn(givenEmpty: Bool) throws {
        let protection = try PublicationProtection(structure: Self.sexByChannel, rule: .standard)
        let given: [(String, Double?)] = [("_T._T", 50), ("M._T", 3), ("F.VOICE", 30), ("F.SMS", 17)]
        let empty: [(String, Double?)] = givenEmpty ? [("F._T", nil)] : []
        let submitted = try Self.observations(given + empty, in: Self.sexByChannel)

        let published = try Self.keyed(protection.protect(submitted))

        #expect(Self.flags(published["M._T 2025-Q1"]) == ["Q", "C"])
        #expect(Self.flags(published["_T._T 2025-Q1"]) == ["Q", "D"])
        #expect(published["F.VOICE 2025-Q1"]?.value == 30 && published["F.SMS 2025-Q1"]?.value == 17)
        if givenEmpty {
            let girls = try #require(published["F._T 2025-Q1"])
            #expect(girls.value == nil && Self.flags(girls) == ["O", "F"])
        }
    }

    /// The boys' count was left empty, so the sum holds two unknowns and the 3 cannot be worked out:
    /// nothing else is hidden. An empty value keeps the status its sender gave.
    @Test func anEmptyValueIsAnUnknownInItsSum() throws {
        let protection = try PublicationProtection(structure: SDMXFixtures.structure, rule: .standard)
        var submitted = try Self.observations([("Q.KE.F", 120), ("Q.KE.M", nil), ("Q.KE.U", 3), ("Q.KE._T", 205)])
        submitted[1].observationStatus = "M"

        let published = try Self.keyed(protection.protect(submitted))

        #expect(Self.flags(published["Q.KE.U 2025-Q1"]) == ["Q", "C"])
        #expect(published["Q.KE.F 2025-Q1"]?.value == 120 && published["Q.KE._T 2025-Q1"]?.value == 205)
        #expect(Self.flags(published["Q.KE.M 2025-Q1"]) == ["M", "F"])
    }

    /// Waits go with answered contacts: hidden with them, with the same CONF_STATUS, and withheld
    /// where no answered count was given. Their own values need not be whole.
    @Test func aNonCountMeasureIsWithheldWithItsBaseCount() throws {
        let protection = try PublicationProtection(structure: Self.operations, rule: .standard)
        let submitted = try Self.observations(Self.operationsCells, in: Self.operations)

        let published = try Self.keyed(protection.protect(submitted))

        let hidden = ["KE.sms.ANSWERED": "C", "KE.voice.ANSWERED": "D", "KE.sms.WAIT_SECONDS": "C",
                      "KE.voice.WAIT_SECONDS": "D", "GB._T.WAIT_SECONDS": "C"]
        for (key, confidentiality) in hidden {
            let cell = try #require(published["\(key) 2025-Q1"])
            #expect(cell.value == nil && cell.observationStatus == "Q", "\(key)")
            #expect(cell.confidentialityStatus == confidentiality, "\(key)")
        }
        #expect(published["KE._T.WAIT_SECONDS 2025-Q1"]?.value == 1295.5)
        #expect(published["KE._T.ANSWERED 2025-Q1"]?.value == 43)
        #expect(published["KE.sms.OFFERED 2025-Q1"]?.value == 6)
    }

    /// A survey percentage behind fewer than 25 respondents is withheld with them.
    @Test func aPercentageGoesWithItsRespondents() throws {
        let survey = DataflowStructure(
            agency: "COVE", id: "SURVEY", version: "1.0",
            dimensions: [.init(id: "SEX", codelist: "CL_SEX", codes: ["F", "M", "_T"]),
                         .init(id: "MEASURE", codelist: "CL_SURVEY_MEASURE", codes: ["PC", "RESPONDENTS"])])
        let protection = try PublicationProtection(structure: survey, rule: .suppress(threshold: 25))
        let submitted = try Self.observations([("F.RESPONDENTS", 20), ("F.PC", 37.5), ("M.RESPONDENTS", 300),
                                               ("M.PC", 41.2)], in: survey)

        let published = try Self.keyed(protection.protect(submitted))

        #expect(Self.flags(published["F.RESPONDENTS 2025-Q1"]) == ["Q", "C"])
        #expect(Self.flags(published["F.PC 2025-Q1"]) == ["Q", "C"])
        #expect(published["F.PC 2025-Q1"]?.value == nil)
        #expect(published["M.PC 2025-Q1"]?.value == 41.2)
    }

    /// Counts become multiples of the base, in units (1.201 thousand is 1201); waits pass as they are.
    @Test(arguments: [3, 5])
    func roundingLeavesMultiplesOfTheBase(base: Int) throws {
        let protection = try PublicationProtection(structure: Self.operations, rule: .randomRounding(base: base))
        var submitted = try Self.observations(Self.operationsCells, in: Self.operations)
        try submitted.append(Self.observation("GB._T.OFFERED", value: 1.201, in: Self.operations, unitMultiplier: 3))
        submitted[0].observationStatus = "E"
        var random = SplitMix64(state: 0x0B5E_0003)

        let published = try protection.protect(submitted, using: &random)

        for (before, after) in zip(submitted, published) {
            let key = "\(before.seriesKey)"
            let truth = try #require(before.scaledValue)
            let value = try #require(after.scaledValue)
            if key.hasSuffix("WAIT_SECONDS") {
                #expect(value == truth, "\(key)")
            } else {
                #expect(value.truncatingRemainder(dividingBy: Double(base)) == 0 && abs(value - truth) < Double(base),
                        "\(key): \(value) from \(truth)")
            }
            #expect(after.confidentialityStatus == "F", "\(key)")
        }
        #expect(published[0].observationStatus == "E" && published[1].observationStatus == "A")
        #expect(published.last?.unitMultiplier == 0)
    }

    @Test(arguments: [(2.5, nil), (-3, nil), (0.25, 1), (1e300, nil)] as [(Double, Int?)])
    func aCountThatIsNotWholeIsRefusedNamingItsKeyAndPeriod(value: Double, unitMultiplier: Int?) throws {
        let protection = try PublicationProtection(structure: SDMXFixtures.structure, rule: .standard)
        let boys = try Self.observation("Q.KE.M", value: value, in: SDMXFixtures.structure, unitMultiplier: unitMultiplier)
        let submitted = try Self.observations([("Q.KE.F", 120)]) + [boys]
        let scaled = try #require(boys.scaledValue)
        let period = try TimePeriod(parsing: "2025-Q1")
        let expected = PublicationProtectionError.notACount(series: SDMXFixtures.key("Q", "KE", "M"), period: period,
                                                            value: scaled)

        #expect(throws: expected) { try protection.protect(submitted) }
        #expect(expected.description.contains("SEX=M") && expected.description.contains("2025-Q1"))
    }

    /// Half a unit in tens is 5: a whole count.
    @Test func aWholeCountInTensIsAccepted() throws {
        let protection = try PublicationProtection(structure: SDMXFixtures.structure, rule: .standard)
        let tens = try Self.observation("Q.KE.U", value: 0.5, in: SDMXFixtures.structure, unitMultiplier: 1)

        let published = try protection.protect([tens])

        #expect(published.first?.value == 0.5 && published.first?.unitMultiplier == 1)
    }

    /// Without a rule nothing is checked or hidden; absent flags are filled in.
    @Test func withoutARuleObservationsPassWithTheirFlagsFilledIn() throws {
        let protection = try PublicationProtection(structure: SDMXFixtures.structure, rule: nil)
        var submitted = try Self.observations([("Q.KE.F", 2.5), ("Q.KE.M", 1), ("Q.KE.U", nil)])
        submitted[1].observationStatus = "E"

        let published = try protection.protect(submitted)

        #expect(published.map(\.value) == [2.5, 1, nil])
        #expect(published.map { Self.flags($0) } == [["A", "F"], ["E", "F"], ["O", "F"]])
    }

    @Test func malformedInputIsRefused() throws {
        let unknown = DataflowStructure(agency: "COVE", id: "X", version: "1.0", dimensions: [],
                                        rules: [SumRule(dimension: "AGE", total: "_T", parts: ["A"])])
        let protection = try PublicationProtection(structure: SDMXFixtures.structure, rule: .standard)
        let twice = try Self.observations([("Q.KE.F", 12), ("Q.KE.F", 13)])
        let period = try TimePeriod(parsing: "2025-Q1")

        #expect(throws: PublicationProtectionError.unknownDimension("AGE")) {
            try PublicationProtection(structure: unknown, rule: nil)
        }
        #expect(throws: PublicationProtectionError.unsafeRule(.suppress(threshold: 1))) {
            try PublicationProtection(structure: SDMXFixtures.structure, rule: .suppress(threshold: 1))
        }
        #expect(throws: PublicationProtectionError.duplicate(series: SDMXFixtures.key("Q", "KE", "F"), period: period)) {
            try protection.protect(twice)
        }
    }
}
