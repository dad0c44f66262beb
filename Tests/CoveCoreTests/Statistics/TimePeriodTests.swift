import Foundation
import Testing
@testable import CoveCore

private let wellFormed: [(String, String)] = [
    ("2025", "2025"), ("2025-Q1", "2025-Q1"), ("2025-q4", "2025-Q4"), ("2025-03", "2025-03"), ("2025-12", "2025-12"),
    ("2025-M03", "2025-03"), ("2025-m11", "2025-11"), ("2025-A1", "2025"),
]

private let malformed: [(String, TimePeriodError)] = [
    ("", .empty), ("25", .malformed), ("02025", .malformed), ("0999", .malformed), (" 2025", .malformed),
    ("2025 ", .malformed), ("２０２５", .malformed), ("2025Q1", .malformed), ("2025-", .malformed), ("2025-3", .malformed),
    ("2025-003", .malformed), ("2025-Q", .malformed), ("2025-Q12", .malformed), ("2025-M3", .malformed), ("2025-A2", .malformed),
    ("2025-X1", .malformed), ("2025-Q0", .quarterOutOfRange), ("2025-Q5", .quarterOutOfRange), ("2025-00", .monthOutOfRange),
    ("2025-13", .monthOutOfRange), ("2025-M13", .monthOutOfRange), ("2025-S1", .unsupported("half-years")),
    ("2025-T2", .unsupported("thirds of a year")), ("2025-W05", .unsupported("weeks")), ("2025-D032", .unsupported("days")),
    ("2025-03-15", .unsupported("days")), ("2025-03-15T10:00:00", .malformed),
]

@Suite("Time period")
struct TimePeriodTests {
    @Test(arguments: wellFormed)
    func wellFormedPeriodsPrintInTheirCanonicalForm(text: String, canonical: String) throws {
        #expect(try TimePeriod(parsing: text).description == canonical)
    }

    @Test(arguments: malformed)
    func otherTextsAreRefusedWithAReason(text: String, error: TimePeriodError) {
        #expect(throws: error) { try TimePeriod(parsing: text) }
        #expect(!error.reason.isEmpty)
    }

    @Test func refusalsSayHowToWriteAPeriod() {
        #expect(TimePeriodError.quarterOutOfRange.reason == "quarters run from Q1 to Q4")
        #expect(TimePeriodError.unsupported("weeks").reason
            == "weeks are not collected; use a year (2025), a quarter (2025-Q1) or a month (2025-03)")
    }

    @Test func factoriesBuildOnlyValidPeriods() {
        #expect(TimePeriod.quarter(5, of: 2025) == nil)
        #expect(TimePeriod.month(0, of: 2025) == nil)
        #expect(TimePeriod.year(99) == nil)
        #expect(TimePeriod.month(7, of: 2025)?.description == "2025-07")
    }

    @Test func periodsSortByTimeWithLongerPeriodsFirst() throws {
        let texts = ["2025-04", "2024", "2025-Q2", "2025", "2025-01", "2025-Q1", "2024-12"]
        let sorted = try texts.map { try TimePeriod(parsing: $0) }.sorted().map(\.description)
        #expect(sorted == ["2024", "2024-12", "2025", "2025-Q1", "2025-01", "2025-Q2", "2025-04"])
    }

    @Test func aQuarterKnowsItsMonthsAndAMonthItsQuarter() throws {
        let second = try #require(TimePeriod.quarter(2, of: 2025))
        #expect(second.months.map(\.description) == ["2025-04", "2025-05", "2025-06"])
        #expect(second.firstMonth == 4)
        #expect(second.quarter == second)
        #expect(TimePeriod.month(11, of: 2025)?.quarter == TimePeriod.quarter(4, of: 2025))
        #expect(TimePeriod.month(11, of: 2025)?.months == [TimePeriod.month(11, of: 2025)!])
    }

    @Test func aYearSpansTwelveMonthsAndNoOneQuarter() throws {
        let year = try #require(TimePeriod.year(2025))
        #expect(year.months.count == 12)
        #expect(year.months.last?.description == "2025-12")
        #expect(year.quarter == nil)
        #expect(year.contains(TimePeriod.quarter(4, of: 2025)!))
        #expect(year.contains(TimePeriod.month(1, of: 2025)!))
        #expect(!year.contains(TimePeriod.month(1, of: 2026)!))
        #expect(!TimePeriod.quarter(1, of: 2025)!.contains(TimePeriod.month(4, of: 2025)!))
        #expect(!TimePeriod.month(1, of: 2025)!.contains(year))
    }

    @Test func frequenciesUseTheSDMXCodes() throws {
        #expect(try TimePeriod(parsing: "2025").frequency == .annual)
        #expect(try TimePeriod(parsing: "2025-Q3").frequency.rawValue == "Q")
        #expect(try TimePeriod(parsing: "2025-09").frequency.rawValue == "M")
    }

    @Test func periodsAreStoredAsTheirSDMXText() throws {
        let periods = try ["2025-Q1", "2025-03", "2025"].map { try TimePeriod(parsing: $0) }
        let data = try JSONEncoder().encode(periods)
        #expect(String(decoding: data, as: UTF8.self) == #"["2025-Q1","2025-03","2025"]"#)
        #expect(try JSONDecoder().decode([TimePeriod].self, from: data) == periods)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([TimePeriod].self, from: Data(#"["2025-Q5"]"#.utf8)) }
    }
}
