import Foundation
import Testing
@testable import CoveCore

@Suite("Schedule exceptions as text")
struct ScheduleExceptionTextTests {
    @Test func closuresAndSpecialHoursReadAndWriteBack() throws {
        let text = "2026-12-25 closed Christmas Day | 2026-12-24 10:00-14:00,18:00-22:00 Christmas Eve"
        let exceptions = try ScheduleExceptionText.exceptions(from: text)
        #expect(exceptions.count == 2)
        #expect(exceptions[0].kind == .closed && exceptions[0].reason == "Christmas Day")
        #expect(exceptions[1].kind == .open(hours: [try DailyInterval(opens: "10:00", closes: "14:00"),
                                                    try DailyInterval(opens: "18:00", closes: "22:00")]))
        #expect(ScheduleExceptionText.text(for: exceptions) == text)
    }

    @Test(arguments: [
        ("2026-12-25 closed", ScheduleExceptionTextError.malformed("2026-12-25 closed")),
        ("25.12.2026 closed Christmas", .badDate("25.12.2026")),
        ("2026-02-30 closed Nothing", .badDate("2026-02-30")),
        ("2026-12-24 10-14 Christmas Eve", .badHours("10-14")),
    ])
    func badEntriesAreRefusedQuotingThem(text: String, error: ScheduleExceptionTextError) {
        #expect(throws: error) { try ScheduleExceptionText.exceptions(from: text) }
    }

    @Test func aClosureInTheCSVClosesTheHelplineThatDay() throws {
        let header = DirectoryCSV.columns.joined(separator: ",")
        let values: [String: String] = [
            "id": "gb-line", "country": "GB", "name": "Line", "time_zone": "Europe/London", "opening_hours": "24/7",
            "exceptions": "2026-12-25 closed Christmas Day", "voice": "0800 1111",
        ]
        let text = header + "\n" + DirectoryCSV.columns.map { values[$0] ?? "" }.joined(separator: ",") + "\n"
        let record = try #require(try DirectoryCSV.records(from: text, knownCountries: ["GB"]).get().first)
        let schedule = try #require(record.schedule)
        #expect(!schedule.isOpen(at: instant("2026-12-25T12:00:00Z")))
        #expect(schedule.isOpen(at: instant("2026-12-26T12:00:00Z")))
        #expect(DirectoryCSV.fields(of: record)[DirectoryCSV.columns.firstIndex(of: "exceptions")!] == values["exceptions"])
    }

    @Test func exceptionsWithoutWeeklyHoursAreRefused() {
        let header = DirectoryCSV.columns.joined(separator: ",")
        let values = ["id": "gb-line", "country": "GB", "name": "Line", "time_zone": "Europe/London",
                      "exceptions": "2026-12-25 closed Christmas Day"]
        let text = header + "\n" + DirectoryCSV.columns.map { values[$0] ?? "" }.joined(separator: ",") + "\n"
        guard case .failure(let problems) = DirectoryCSV.records(from: text, knownCountries: ["GB"]) else {
            Issue.record("accepted exceptions with no opening hours")
            return
        }
        #expect(problems.errors.map(\.field) == ["exceptions"])
    }
}
