import Foundation
import Testing
@testable import CoveCore

@Suite("Schedule values")
struct ScheduleValueTests {
    @Test(arguments: ["00:00", "09:30", "23:59", "24:00"])
    func wellFormedTimesReadBackAsWritten(text: String) throws {
        #expect(try LocalTime(text).description == text)
    }

    @Test(arguments: ["25:00", "24:30", "12:60", "9:00", "09:00 ", "ab:cd", "", "09-00", "-1:00", "１２:００"])
    func malformedTimesAreRefusedByName(text: String) {
        #expect(throws: ScheduleError.invalidTime(text)) { try LocalTime(text) }
        #expect(ScheduleError.invalidTime(text).description.hasPrefix("\"\(text)\" is not a time of day"))
    }

    @Test func timesOrderByTheClock() throws {
        #expect(try LocalTime("09:59") < LocalTime("10:00"))
        #expect(try LocalTime("23:59") < .endOfDay)
        #expect(throws: ScheduleError.invalidTime("24:01")) { try LocalTime(hour: 24, minute: 1) }
    }

    @Test func intervalsCannotOpenAtTheEndOfTheDay() {
        #expect(throws: ScheduleError.opensAtEndOfDay) {
            try WeeklyInterval(weekday: .monday, opens: "24:00", closes: "06:00")
        }
    }

    @Test(arguments: Weekday.allCases)
    func weekdaysMatchCalendarNumbering(weekday: Weekday) throws {
        // 1 June 2026 is a Monday, so day N of that week is ISO weekday N.
        let date = try LocalDate(year: 2026, month: 6, day: weekday.rawValue)
        #expect(date.weekday == weekday)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let noon = try #require(calendar.date(from: DateComponents(year: 2026, month: 6, day: weekday.rawValue, hour: 12)))
        #expect(calendar.component(.weekday, from: noon) == weekday.calendarWeekday)
        #expect(Weekday(calendarWeekday: weekday.calendarWeekday) == weekday)
    }

    @Test func sundayIsCalendarDayOne() {
        #expect(Weekday.sunday.calendarWeekday == 1)
        #expect(Weekday.monday.calendarWeekday == 2)
        #expect(Weekday(calendarWeekday: 0) == nil)
    }

    @Test(arguments: ["2026-02-30", "2026-2-03", "2026-13-01", "20260101", "2026-01-01T00:00", ""])
    func malformedDatesAreRefusedByName(text: String) {
        #expect(throws: ScheduleError.invalidDate(text)) { try LocalDate(text) }
    }

    @Test func datesStepAcrossMonthsYearsAndLeapDays() throws {
        #expect(try LocalDate("2026-12-31").adding(days: 1) == LocalDate("2027-01-01"))
        #expect(try LocalDate("2028-02-28").adding(days: 1) == LocalDate("2028-02-29"))
        #expect(try LocalDate("2026-03-01").adding(days: -1) == LocalDate("2026-02-28"))
        #expect(try LocalDate("2026-03-29").description == "2026-03-29")
    }

    @Test(arguments: ["Mars/Olympus", "europe/london", "GMT+2", "London", ""])
    func unknownTimeZonesAreRefusedByName(identifier: String) {
        #expect(throws: ScheduleError.unknownTimeZone(identifier)) {
            try OpeningSchedule(timeZoneIdentifier: identifier, weekly: [])
        }
    }

    @Test(arguments: ["Europe/London", "America/Santiago", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"])
    func ianaTimeZonesAreAccepted(identifier: String) throws {
        #expect(try OpeningSchedule(timeZoneIdentifier: identifier, weekly: []).timeZoneIdentifier == identifier)
    }

    @Test func exceptionsNeedAReasonAndADayOfTheirOwn() throws {
        let christmas = try LocalDate("2026-12-25")
        #expect(throws: ScheduleError.missingReason(christmas)) { try ScheduleException.closed(on: christmas, reason: "  ") }
        let twice = try [ScheduleException.closed(on: christmas, reason: "Christmas Day"),
                         .open(on: christmas, hours: [DailyInterval(opens: "10:00", closes: "14:00")], reason: "Christmas")]
        #expect(throws: ScheduleError.duplicateException(christmas)) {
            try OpeningSchedule(timeZoneIdentifier: "Europe/London", weekly: [], exceptions: twice)
        }
    }

    @Test func roundTheClockMeansEveryMinuteOfTheWeek() throws {
        #expect(try OpeningSchedule.alwaysOpen(timeZoneIdentifier: "Europe/London").isAlwaysOpen)
        let eightToEight = try WeeklyInterval.every(Weekday.allCases, opens: "08:00", closes: "08:00")
        #expect(try OpeningSchedule(timeZoneIdentifier: "Europe/London", weekly: eightToEight).isAlwaysOpen)
        let noSunday = try WeeklyInterval.every([.monday, .tuesday, .wednesday, .thursday, .friday, .saturday],
                                                opens: "00:00", closes: "24:00")
        #expect(try !OpeningSchedule(timeZoneIdentifier: "Europe/London", weekly: noSunday).isAlwaysOpen)
        #expect(try !OpeningSchedule(timeZoneIdentifier: "Europe/London", weekly: []).isAlwaysOpen)
    }

    @Test func schedulesRoundTripThroughJSON() throws {
        let schedule = try OpeningSchedule(
            timeZoneIdentifier: "America/Santiago",
            weekly: [WeeklyInterval(weekday: .friday, opens: "22:00", closes: "06:00")],
            exceptions: [.closed(on: LocalDate("2026-09-18"), reason: "Fiestas Patrias"),
                         .open(on: LocalDate("2026-12-24"), hours: [DailyInterval(opens: "09:00", closes: "13:00")],
                               reason: "Nochebuena")])
        let json = try JSONEncoder().encode(schedule)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains(#""timeZone":"America\/Santiago""#))
        #expect(text.contains(#""opens":"22:00""#) && text.contains(#""date":"2026-09-18""#))
        #expect(try JSONDecoder().decode(OpeningSchedule.self, from: json) == schedule)
    }

    @Test func decodingRefusesWhatTheInitialisersRefuse() {
        let unknownZone = Data(#"{"timeZone":"Nowhere/Place","weekly":[]}"#.utf8)
        #expect(throws: ScheduleError.unknownTimeZone("Nowhere/Place")) {
            try JSONDecoder().decode(OpeningSchedule.self, from: unknownZone)
        }
        let badTime = Data(#"{"timeZone":"UTC","weekly":[{"weekday":5,"opens":"25:00","closes":"06:00"}]}"#.utf8)
        #expect(throws: ScheduleError.invalidTime("25:00")) { try JSONDecoder().decode(OpeningSchedule.self, from: badTime) }
    }
}
