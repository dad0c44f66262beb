import Foundation
import Testing
@testable import CoveCore

private typealias F = SDMXFixtures

/// Observations for the fixture dataflow that exercise every cell the writers fill: counts, a rate
/// at full precision, a very small and a very large number, a suppressed value, every attribute.
/// The total for Kenya is not checked on reading, since one of its parts has no value.
enum SDMXWriterSample {
    static let year = TimePeriod.year(2024)!
    static let quarter = TimePeriod.quarter(1, of: 2025)!
    static let march = TimePeriod.month(3, of: 2025)!
    static let prepared = Date(timeIntervalSince1970: 1_743_508_800)

    static let observations: [SDMXObservation] = [
        observation("Q", "KE", "F", quarter, 120, status: "A", confidentiality: "F", multiplier: 0),
        observation("Q", "KE", "M", quarter, 80, status: "A", confidentiality: "F", multiplier: 0),
        // Suppressed: no value, marked missing (O) and confidential (C).
        observation("Q", "KE", "U", quarter, nil, status: "O", confidentiality: "C"),
        observation("Q", "KE", "_T", quarter, 205, status: "E", confidentiality: "F", multiplier: 0),
        observation("A", "FR", "M", year, 3),
        observation("A", "GB", "F", year, 0.123456789012345, status: "P"),
        observation("M", "GB", "_T", march, 12_345_678_901, multiplier: 3),
        observation("M", "FR", "F", march, 0.00001),
    ]

    /// The fixture dataflow without its sum rule, so random values need not add up.
    static let unruled: DataflowStructure = {
        var structure = F.structure
        structure.rules = []
        return structure
    }()

    static let formats: [SDMXCSVReader.Format] = [.sdmxCSV2, .sdmxCSV1, .template]

    static func observation(_ freq: String, _ area: String, _ sex: String, _ period: TimePeriod, _ value: Double?,
                            status: String? = nil, confidentiality: String? = nil, multiplier: Int? = nil) -> SDMXObservation {
        SDMXObservation(dataflow: F.structure.reference, seriesKey: F.key(freq, area, sex), timePeriod: period, value: value,
                        observationStatus: status, confidentialityStatus: confidentiality, unitMultiplier: multiplier)
    }

    /// In key and period order, for comparing sets of observations that formats may reorder.
    static func sorted(_ observations: [SDMXObservation]) -> [SDMXObservation] {
        observations.sorted { ($0.seriesKey.description, $0.timePeriod) < ($1.seriesKey.description, $1.timePeriod) }
    }

    /// Up to 30 observations with distinct keys, periods agreeing with FREQ, and random values,
    /// statuses and multipliers of every kind the writers must spell.
    static func random(using random: inout SplitMix64) -> [SDMXObservation] {
        let periods: [String: [TimePeriod]] = [
            "A": [2023, 2024].compactMap { TimePeriod.year($0) },
            "Q": (1...4).compactMap { TimePeriod.quarter($0, of: 2025) },
            "M": (1...12).compactMap { TimePeriod.month($0, of: 2025) },
        ]
        var seen = Set<String>()
        var observations: [SDMXObservation] = []
        for _ in 0..<Int.random(in: 1...30, using: &random) {
            let freq = ["A", "Q", "M"].randomElement(using: &random)!
            let area = ["KE", "GB", "FR"].randomElement(using: &random)!
            let sex = ["F", "M", "U", "_T"].randomElement(using: &random)!
            let period = periods[freq]!.randomElement(using: &random)!
            guard seen.insert("\(freq).\(area).\(sex) \(period)").inserted else { continue }
            let status = Bool.random(using: &random) ? ["A", "E", "P", "O"].randomElement(using: &random) : nil
            let confidentiality = Bool.random(using: &random) ? ["F", "C", "N"].randomElement(using: &random) : nil
            let multiplier = Bool.random(using: &random) ? Int.random(in: -15...15, using: &random) : nil
            observations.append(observation(freq, area, sex, period, randomValue(using: &random), status: status,
                                            confidentiality: confidentiality, multiplier: multiplier))
        }
        return observations
    }

    private static func randomValue(using random: inout SplitMix64) -> Double? {
        switch Int.random(in: 0..<6, using: &random) {
        case 0: nil
        case 1: Double(Int.random(in: 0...1_000_000, using: &random))
        case 2: Double(Int.random(in: 0...100_000, using: &random)) / 100
        case 3: Double.random(in: 0..<1, using: &random)
        case 4: Double.random(in: 0..<1e-4, using: &random)
        default: Double(Int.random(in: 0...1_000_000_000_000, using: &random)) * 1e6
        }
    }
}

private typealias S = SDMXWriterSample

@Suite("SDMX-CSV writer")
struct SDMXWriterTests {
    @Test(arguments: S.formats)
    func everyFormatReadsBackAsTheSameObservations(format: SDMXCSVReader.Format) throws {
        let text = SDMXCSVWriter(structure: F.structure, format: format).text(for: S.observations)
        let table = try F.reader.table(from: Data(text.utf8)).get()
        #expect(table.format == format)
        #expect(F.reader.observations(from: text) == .success(S.observations))
    }

    @Test func sdmxCSV2LeadsWithTheStructureColumnsAndLeavesMissingCellsEmpty() {
        let lines = SDMXCSVWriter(structure: F.structure).text(for: S.observations).components(separatedBy: "\r\n")
        #expect(lines.first == "STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,SEX,TIME_PERIOD,OBS_VALUE,OBS_STATUS,CONF_STATUS,UNIT_MULT")
        #expect(lines.dropFirst().first == "dataflow,ITU:COP_HELPLINE_CONTACTS(1.0),I,Q,KE,F,2025-Q1,120,A,F,0")
        #expect(lines.contains("dataflow,ITU:COP_HELPLINE_CONTACTS(1.0),I,Q,KE,U,2025-Q1,,O,C,"))
        #expect(lines.contains("dataflow,ITU:COP_HELPLINE_CONTACTS(1.0),I,A,GB,F,2024,0.123456789012345,P,,"))
        #expect(lines.contains("dataflow,ITU:COP_HELPLINE_CONTACTS(1.0),I,M,GB,_T,2025-03,12345678901,,,3"))
        // One line per observation after the header, each ended by CRLF.
        #expect(lines.count == S.observations.count + 2 && lines.last == "")
    }

    @Test func sdmxCSV1AndTheTemplateHaveTheirOwnLeadingColumns() {
        let sdmx1 = SDMXCSVWriter(structure: F.structure, format: .sdmxCSV1).text(for: S.observations)
        let template = SDMXCSVWriter(structure: F.structure, format: .template).text(for: S.observations)
        #expect(sdmx1.hasPrefix("DATAFLOW,FREQ,REF_AREA,SEX,TIME_PERIOD,OBS_VALUE,OBS_STATUS,CONF_STATUS,UNIT_MULT\r\n"
            + "ITU:COP_HELPLINE_CONTACTS(1.0),Q,KE,F,2025-Q1,120,A,F,0\r\n"))
        #expect(template.hasPrefix("FREQ,REF_AREA,SEX,TIME_PERIOD,OBS_VALUE,OBS_STATUS,CONF_STATUS,UNIT_MULT\r\nQ,KE,F,2025-Q1,120,A,F,0\r\n"))
    }

    @Test func unitMultiplierIsAColumnOnlyWhenAnObservationHasOne() {
        let plain = S.observations.filter { $0.unitMultiplier == nil }
        for format in S.formats {
            let writer = SDMXCSVWriter(structure: F.structure, format: format)
            #expect(!writer.text(for: plain).contains("UNIT_MULT"))
            #expect(writer.text(for: S.observations).contains("UNIT_MULT"))
            #expect(F.reader.observations(from: writer.text(for: plain)) == .success(plain))
        }
    }

    @Test func numbersHaveNoTrailingZeroNorSeparatorsAndReadBackExactly() {
        #expect(SDMXCSVWriter.numberText(205) == "205")
        #expect(SDMXCSVWriter.numberText(0.1) == "0.1")
        #expect(SDMXCSVWriter.numberText(1_234_567.5) == "1234567.5")
        #expect(SDMXCSVWriter.numberText(12_345_678_901) == "12345678901")
        #expect(SDMXCSVWriter.numberText(-0.0) == "0")
        #expect(SDMXCSVWriter.numberText(.nan) == "" && SDMXCSVWriter.numberText(.infinity) == "")
        for value in [0.1 + 0.2, 1.0 / 3, 0.00001, 2.5e-9, 1e15, 1e20, 123_456_789.123_456_78, 0.999_999_999_999_999_9] {
            let text = SDMXCSVWriter.numberText(value)
            #expect(Double(text) == value, "\(text)")
            #expect(SubmissionRowReader.number(text) == value, "\(text)")
            #expect(!text.contains(",") && !text.contains(" "), "\(text)")
        }
    }

    /// SDMX ids cannot hold commas or quotes, but a dataflow's codelist is Cove's to define; such
    /// codes are quoted and come back as they were.
    @Test func codesWithCommasAndQuotesAreQuotedAndReadBack() throws {
        let odd = DataflowStructure(agency: "ITU", id: "ODD", version: "1.0",
                                    dimensions: [.init(id: "AREA", codelist: "CL_AREA", codes: ["Nairobi, KE", "the \"north\""])])
        let observations = ["Nairobi, KE", "the \"north\""].enumerated().map { index, code in
            SDMXObservation(dataflow: odd.reference, seriesKey: SeriesKey([.init(dimension: "AREA", code: code)]),
                            timePeriod: S.year, value: Double(index + 1))
        }
        for format in S.formats {
            let text = SDMXCSVWriter(structure: odd, format: format).text(for: observations)
            #expect(text.contains(",\"Nairobi, KE\",") || text.contains("\r\n\"Nairobi, KE\","), "\(text)")
            #expect(text.contains("\"the \"\"north\"\"\""), "\(text)")
            #expect(SDMXCSVReader(structure: odd).observations(from: text) == .success(observations))
        }
        let message = try SDMXJSONMessage.encode(observations, structure: odd, prepared: S.prepared, id: "ODD1")
        let decoded = try SDMXJSONMessage.decode(message, structure: odd).get()
        #expect(S.sorted(decoded) == S.sorted(observations))
    }

    /// Seeded random observation sets come back unchanged from every CSV format, in file order,
    /// and from SDMX-JSON, in key order.
    @Test func randomObservationSetsRoundTripThroughEveryFormat() throws {
        var random = SplitMix64(state: 0x5D3F_2025)
        let reader = SDMXCSVReader(structure: S.unruled)
        for round in 0..<150 {
            let observations = S.random(using: &random)
            for format in S.formats {
                let text = SDMXCSVWriter(structure: S.unruled, format: format).text(for: observations)
                #expect(reader.observations(from: text) == .success(observations), "round \(round), \(format.rawValue)")
            }
            let message = try SDMXJSONMessage.encode(observations, structure: S.unruled, prepared: S.prepared, id: "R\(round)")
            let decoded = SDMXJSONMessage.decode(message, structure: S.unruled).map(S.sorted)
            #expect(decoded == .success(S.sorted(observations)), "round \(round), SDMX-JSON")
        }
    }
}
