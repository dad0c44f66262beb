import Foundation
import Testing
@testable import CoveCore

private typealias F = SDMXFixtures

/// One broken cell in the second row of an SDMX-CSV 1.0 file, and what the problem must say.
private struct BadCell: Sendable, CustomTestStringConvertible {
    let overrides: [String: String]
    let code: SubmissionProblem.Code
    let column: String
    let says: String

    init(_ overrides: [String: String], _ code: SubmissionProblem.Code, _ column: String, _ says: String) {
        self.overrides = overrides
        self.code = code
        self.column = column
        self.says = says
    }

    var testDescription: String { overrides.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ") }
}

private let badCells: [BadCell] = [
    BadCell(["SEX": "X"], .unknownCode, "SEX", "\"X\" is not a code of CL_SEX; the codes are F, M, U, _T"),
    BadCell(["REF_AREA": "Kenya"], .unknownCode, "REF_AREA", "\"Kenya\" is not a code of CL_AREA"),
    BadCell(["SEX": " "], .missingCode, "SEX", "no SEX code; give one of CL_SEX"),
    BadCell(["TIME_PERIOD": "2025-Q5"], .badPeriod, "TIME_PERIOD", "\"2025-Q5\" is not a period: quarters run from Q1 to Q4"),
    BadCell(["TIME_PERIOD": "2025-S1"], .badPeriod, "TIME_PERIOD", "half-years are not collected"),
    BadCell(["TIME_PERIOD": ""], .badPeriod, "TIME_PERIOD", "no period given"),
    BadCell(["TIME_PERIOD": "2025-03"], .badPeriod, "TIME_PERIOD", "\"2025-03\" is a monthly period but FREQ is Q (quarterly)"),
    BadCell(["OBS_VALUE": "-3"], .negativeValue, "OBS_VALUE", "\"-3\" is negative"),
    BadCell(["OBS_VALUE": "12a"], .notANumber, "OBS_VALUE", "\"12a\" is not a number"),
    BadCell(["OBS_VALUE": "1,5"], .notANumber, "OBS_VALUE", "\"1,5\" is not a number"),
    BadCell(["OBS_VALUE": "nan"], .notANumber, "OBS_VALUE", "\"nan\" is not a number"),
    BadCell(["OBS_VALUE": "inf"], .notANumber, "OBS_VALUE", "\"inf\" is not a number"),
    BadCell(["OBS_VALUE": "0x10"], .notANumber, "OBS_VALUE", "\"0x10\" is not a number"),
    BadCell(["OBS_VALUE": "1e400"], .notANumber, "OBS_VALUE", "\"1e400\""),
    BadCell(["OBS_STATUS": "Z"], .unknownCode, "OBS_STATUS", "\"Z\" is not a code of CL_OBS_STATUS"),
    BadCell(["CONF_STATUS": "secret"], .unknownCode, "CONF_STATUS", "\"secret\" is not a code of CL_CONF_STATUS"),
    BadCell(["UNIT_MULT": "k"], .badAttribute, "UNIT_MULT", "\"k\" is not a power of ten"),
    BadCell(["DATAFLOW": "ITU:OTHER_FLOW(1.0)"], .wrongDataflow, "DATAFLOW",
            "\"ITU:OTHER_FLOW(1.0)\" is another dataflow; this submission is for ITU:COP_HELPLINE_CONTACTS(1.0)"),
    BadCell(["DATAFLOW": "ITU:COP_HELPLINE_CONTACTS(2.0)"], .wrongDataflow, "DATAFLOW", "is another dataflow"),
    BadCell(["DATAFLOW": "COP_HELPLINE_CONTACTS"], .wrongDataflow, "DATAFLOW", "is not a dataflow; write AGENCY:ID(VERSION)"),
]

@Suite("Submission validator")
struct SubmissionValidatorTests {
    @Test(arguments: badCells)
    fileprivate func aBadCellIsReportedWithItsLineColumnAndCode(bad: BadCell) throws {
        let text = F.file([F.row([:]), F.row(bad.overrides.merging(["SEX": "M"]) { override, _ in override })])
        let problems = F.problems(text)
        let column = try #require(F.columns.firstIndex(of: bad.column)) + 1
        #expect(problems.map(\.code) == [bad.code])
        #expect(problems.first?.line == 3)
        #expect(problems.first?.column == column)
        #expect(problems.first?.columnName == bad.column)
        #expect(problems.first?.message.contains(bad.says) == true, "\(problems)")
    }

    @Test func aProblemReadsAsLineColumnNameAndMessage() {
        let problems = F.problems(F.file([F.row([:]), F.row(["SEX": "X"])]))
        #expect(problems.map(\.description) == [
            "line 3, column 4 (SEX): \"X\" is not a code of CL_SEX; the codes are F, M, U, _T",
        ])
    }

    @Test func everyProblemIsCollectedInFileOrderNotJustTheFirst() {
        let rows = [
            F.row(["SEX": "X", "OBS_VALUE": "-1"]),
            F.row(["SEX": "M"]),
            F.row(["SEX": "U", "TIME_PERIOD": "2025-Q9", "OBS_STATUS": "?"]),
        ]
        let problems = F.problems(F.file(rows))
        #expect(problems.map(\.line) == [2, 2, 4, 4])
        #expect(problems.map(\.columnName) == ["SEX", "OBS_VALUE", "TIME_PERIOD", "OBS_STATUS"])
        #expect(problems.map(\.code) == [.unknownCode, .negativeValue, .badPeriod, .unknownCode])
    }

    @Test func aRepeatedKeyAndPeriodNamesBothLines() {
        let rows = [F.row([:]), F.row(["SEX": "M"]), F.row(["OBS_VALUE": "121"])]
        let problems = F.problems(F.file(rows))
        #expect(problems.map(\.code) == [.duplicateKey])
        #expect(problems.first?.line == 4)
        #expect(problems.first?.relatedLines == [2])
        #expect(problems.first?.message
            == "lines 2 and 4 both give FREQ=Q, REF_AREA=KE, SEX=F for 2025-Q1; each key and period may appear once")
    }

    @Test func theSameKeyInAnotherPeriodIsNoDuplicate() throws {
        let rows = [F.row([:]), F.row(["TIME_PERIOD": "2025-Q2"])]
        #expect(try F.reader.observations(from: F.file(rows)).get().count == 2)
    }

    @Test func aTotalThatIsNotTheSumOfItsPartsIsReportedAtTheTotal() {
        let text = F.sdmx1.replacingOccurrences(of: "_T,2025-Q1,205", with: "_T,2025-Q1,210")
        let problems = F.problems(text)
        #expect(problems.map(\.code) == [.ruleBroken])
        #expect(problems.map(\.description) == [
            "line 5, column 6 (OBS_VALUE): SEX _T is 210, but F + M + U on lines 2, 3, 4 add up to 205",
        ])
        #expect(problems.first?.relatedLines == [2, 3, 4])
    }

    @Test func rulesHoldForEachCombinationOfTheOtherDimensionsAndPeriod() {
        var rows: [[String: String]] = []
        for (area, period, total) in [("KE", "2025-Q1", "6"), ("GB", "2025-Q1", "7"), ("KE", "2025-Q2", "6")] {
            for (sex, value) in [("F", "3"), ("M", "2"), ("U", "1"), ("_T", total)] {
                rows.append(F.row(["REF_AREA": area, "TIME_PERIOD": period, "SEX": sex, "OBS_VALUE": value]))
            }
        }
        let problems = F.problems(F.file(rows))
        // Only Great Britain's total (the 8th row, line 9) disagrees with its parts.
        #expect(problems.map(\.code) == [.ruleBroken])
        #expect(problems.map(\.line) == [9])
        #expect(problems.first?.relatedLines == [6, 7, 8])
    }

    @Test func aTotalIsNotCheckedWhenAPartIsAbsentOrEmpty() throws {
        let partAbsent = [F.row(["SEX": "F", "OBS_VALUE": "3"]), F.row(["SEX": "_T", "OBS_VALUE": "99"])]
        let partEmpty = partAbsent + [F.row(["SEX": "M", "OBS_VALUE": "1"]), F.row(["SEX": "U", "OBS_VALUE": ""])]
        #expect(try F.reader.observations(from: F.file(partAbsent)).get().count == 2)
        #expect(try F.reader.observations(from: F.file(partEmpty)).get().count == 4)
    }

    @Test func unitMultipliersAreAppliedBeforeAddingUp() throws {
        let rows = [
            F.row(["SEX": "F", "OBS_VALUE": "1500", "UNIT_MULT": "0"]),
            F.row(["SEX": "M", "OBS_VALUE": "0.5", "UNIT_MULT": "3"]),
            F.row(["SEX": "U", "OBS_VALUE": "0", "UNIT_MULT": ""]),
            F.row(["SEX": "_T", "OBS_VALUE": "2", "UNIT_MULT": "3"]),
        ]
        let observations = try F.reader.observations(from: F.file(rows)).get()
        #expect(observations.map(\.scaledValue) == [1500, 500, 0, 2000])
        #expect(observations.map(\.unitMultiplier) == [0, 3, nil, 3])
    }

    @Test func pastTheLimitTheRestOfTheProblemsAreCounted() {
        let reader = SDMXCSVReader(structure: F.structure, limits: .init(maximumFileBytes: 1_000_000, maximumProblems: 3))
        let rows = (0..<10).map { _ in F.row(["SEX": "X"]) }
        let problems = F.problems(F.file(rows), reader: reader)
        #expect(problems.map(\.code) == [.unknownCode, .unknownCode, .unknownCode, .tooManyProblems])
        #expect(problems.last?.line == 5)
        #expect(problems.last?.message.hasPrefix("7 more problems") == true)
    }

    @Test func controlCharactersAndLongValuesAreQuotedSafely() {
        let problems = F.problems(F.file([F.row(["REF_AREA": "K\u{1B}[2J" + String(repeating: "E", count: 100)])]))
        let message = problems.first?.message ?? ""
        #expect(message.hasPrefix("\"K\\u{1B}[2J"))
        #expect(message.contains("…\" is not a code of CL_AREA"))
        #expect(!message.contains("\u{1B}"))
    }

    @Test func aDataflowDecodesWithDefaultsAndRoundTrips() throws {
        let json = """
            {"agency":"ITU","id":"COP_SURVEY","version":"1.0",
             "dimensions":[{"id":"REF_AREA","codelist":"CL_AREA","codes":["KE"]}]}
            """
        let structure = try JSONDecoder().decode(DataflowStructure.self, from: Data(json.utf8))
        #expect(structure.timeDimension == "TIME_PERIOD")
        #expect(structure.attributes == DataflowStructure.standardAttributes)
        #expect(structure.rules.isEmpty)
        #expect(structure.reference.description == "ITU:COP_SURVEY(1.0)")
        let again = try JSONDecoder().decode(DataflowStructure.self, from: JSONEncoder().encode(F.structure))
        #expect(again == F.structure)
    }

    @Test func observationsRoundTripThroughJSON() throws {
        let observations = try F.reader.observations(from: F.sdmx2WithLabels).get()
        let data = try JSONEncoder().encode(observations)
        #expect(try JSONDecoder().decode([SDMXObservation].self, from: data) == observations)
        #expect(String(decoding: data, as: UTF8.self).contains("\"timePeriod\":\"2025-Q1\""))
    }
}
