import Foundation
import Testing
@testable import CoveCore

/// An instant written in ISO 8601 with its offset, so each expectation shows the wall clock it means.
func instant(_ text: String) -> Date {
    guard let date = ISO8601DateFormatter().date(from: text) else { preconditionFailure("not ISO 8601: \(text)") }
    return date
}

/// A London schedule; June 2026 dates below are in BST (+01:00), December ones in GMT.
private func london(_ weekly: [WeeklyInterval], _ exceptions: [ScheduleException] = []) throws -> OpeningSchedule {
    try OpeningSchedule(timeZoneIdentifier: "Europe/London", weekly: weekly, exceptions: exceptions)
}

private let weekdays: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday]

@Suite("Opening schedule")
struct OpeningScheduleTests {
    @Test(arguments: [
        ("2026-06-10T12:00:00+01:00", OpeningStatus.open(until: instant("2026-06-10T17:00:00+01:00"))),
        ("2026-06-10T09:00:00+01:00", .open(until: instant("2026-06-10T17:00:00+01:00"))),
        ("2026-06-10T08:59:00+01:00", .closed(nextOpening: instant("2026-06-10T09:00:00+01:00"))),
        ("2026-06-10T17:00:00+01:00", .closed(nextOpening: instant("2026-06-11T09:00:00+01:00"))),
        ("2026-06-12T18:00:00+01:00", .closed(nextOpening: instant("2026-06-15T09:00:00+01:00"))),
        ("2026-06-13T12:00:00+01:00", .closed(nextOpening: instant("2026-06-15T09:00:00+01:00"))),
    ])
    func weekdayHours(at time: String, expected: OpeningStatus) throws {
        let schedule = try london(WeeklyInterval.every(weekdays, opens: "09:00", closes: "17:00"))
        #expect(schedule.status(at: instant(time)) == expected)
        #expect(schedule.isOpen(at: instant(time)) == expected.isOpen)
    }

    @Test func nextOpeningAndClosingLookPastTheCurrentState() throws {
        let schedule = try london(WeeklyInterval.every(weekdays, opens: "09:00", closes: "17:00"))
        #expect(schedule.nextOpening(after: instant("2026-06-10T12:00:00+01:00")) == instant("2026-06-11T09:00:00+01:00"))
        #expect(schedule.closing(after: instant("2026-06-10T08:00:00+01:00")) == instant("2026-06-10T17:00:00+01:00"))
        #expect(schedule.closing(after: instant("2026-06-10T12:00:00+01:00")) == instant("2026-06-10T17:00:00+01:00"))
    }

    @Test(arguments: [
        ("2026-06-13T03:00:00+01:00", OpeningStatus.open(until: instant("2026-06-13T06:00:00+01:00"))),
        ("2026-06-12T23:59:00+01:00", .open(until: instant("2026-06-13T06:00:00+01:00"))),
        ("2026-06-12T21:00:00+01:00", .closed(nextOpening: instant("2026-06-12T22:00:00+01:00"))),
        ("2026-06-13T06:00:00+01:00", .closed(nextOpening: instant("2026-06-19T22:00:00+01:00"))),
    ])
    func fridayNightRunsIntoSaturdayMorning(at time: String, expected: OpeningStatus) throws {
        let schedule = try london([WeeklyInterval(weekday: .friday, opens: "22:00", closes: "06:00")])
        #expect(schedule.status(at: instant(time)) == expected)
    }

    @Test(arguments: ["2026-06-10T12:00:00+01:00", "2026-03-29T01:00:00Z", "2026-10-25T01:30:00Z", "2026-12-31T23:59:59Z"])
    func roundTheClockNeverCloses(at time: String) throws {
        let schedule = try OpeningSchedule.alwaysOpen(timeZoneIdentifier: "Europe/London")
        #expect(schedule.status(at: instant(time)) == .open(until: nil))
        #expect(schedule.nextOpening(after: instant(time)) == nil)
        #expect(schedule.closing(after: instant(time)) == nil)
    }

    @Test func intervalsMeetingAtMidnightAreOneOpenPeriod() throws {
        let schedule = try london([WeeklyInterval(weekday: .monday, opens: "20:00", closes: "24:00"),
                                   WeeklyInterval(weekday: .tuesday, opens: "00:00", closes: "08:00")])
        let untilTuesday = OpeningStatus.open(until: instant("2026-06-16T08:00:00+01:00"))
        #expect(schedule.status(at: instant("2026-06-15T21:00:00+01:00")) == untilTuesday)
        #expect(schedule.status(at: instant("2026-06-16T00:00:00+01:00")) == untilTuesday)
        #expect(schedule.nextOpening(after: instant("2026-06-15T21:00:00+01:00")) == instant("2026-06-22T20:00:00+01:00"))
    }

    @Test func overlappingIntervalsAndTheWeekBoundaryMerge() throws {
        let schedule = try london([WeeklyInterval(weekday: .monday, opens: "09:00", closes: "13:00"),
                                   WeeklyInterval(weekday: .monday, opens: "12:00", closes: "17:00"),
                                   WeeklyInterval(weekday: .sunday, opens: "22:00", closes: "06:00"),
                                   WeeklyInterval(weekday: .monday, opens: "06:00", closes: "08:00")])
        #expect(schedule.status(at: instant("2026-06-15T10:00:00+01:00")) == .open(until: instant("2026-06-15T17:00:00+01:00")))
        #expect(schedule.status(at: instant("2026-06-14T23:00:00+01:00")) == .open(until: instant("2026-06-15T08:00:00+01:00")))
    }

    @Test func noHoursAtAllIsClosedForGood() throws {
        let schedule = try london([])
        let now = instant("2026-06-10T12:00:00+01:00")
        #expect(schedule.status(at: now) == .closed(nextOpening: nil))
        #expect(!schedule.isOpen(at: now))
        #expect(schedule.nextOpening(after: now) == nil)
        #expect(schedule.closing(after: now) == nil)
    }

    @Test func publicHolidayClosesTheWholeDay() throws {
        let schedule = try london(WeeklyInterval.every(Weekday.allCases, opens: "09:00", closes: "17:00"),
                                  [.closed(on: LocalDate("2026-05-04"), reason: "Early May bank holiday")])
        let dayAfter = OpeningStatus.closed(nextOpening: instant("2026-05-05T09:00:00+01:00"))
        #expect(schedule.status(at: instant("2026-05-04T10:00:00+01:00")) == dayAfter)
        #expect(schedule.status(at: instant("2026-05-03T18:00:00+01:00")) == dayAfter)
        #expect(schedule.status(at: instant("2026-05-03T12:00:00+01:00")) == .open(until: instant("2026-05-03T17:00:00+01:00")))
    }

    @Test func closingADayCutsTheNightBeforeAtMidnight() throws {
        let schedule = try london([WeeklyInterval(weekday: .friday, opens: "22:00", closes: "06:00")],
                                  [.closed(on: LocalDate("2026-06-13"), reason: "Staff training")])
        #expect(schedule.status(at: instant("2026-06-12T23:00:00+01:00")) == .open(until: instant("2026-06-13T00:00:00+01:00")))
        #expect(schedule.status(at: instant("2026-06-13T03:00:00+01:00"))
            == .closed(nextOpening: instant("2026-06-19T22:00:00+01:00")))
    }

    @Test func closingTheDayAnOvernightIntervalStartsOnSkipsItAll() throws {
        let schedule = try london([WeeklyInterval(weekday: .friday, opens: "22:00", closes: "06:00")],
                                  [.closed(on: LocalDate("2026-06-12"), reason: "Office move")])
        #expect(schedule.status(at: instant("2026-06-12T23:00:00+01:00"))
            == .closed(nextOpening: instant("2026-06-19T22:00:00+01:00")))
    }

    @Test func specialHoursReplaceTheDaysWeeklyHours() throws {
        let schedule = try london(WeeklyInterval.every(weekdays, opens: "09:00", closes: "17:00"), [
            .open(on: LocalDate("2026-12-24"), hours: [DailyInterval(opens: "09:00", closes: "13:00")], reason: "Christmas Eve"),
            .closed(on: LocalDate("2026-12-25"), reason: "Christmas Day"),
            .open(on: LocalDate("2026-12-31"), hours: [DailyInterval(opens: "20:00", closes: "02:00")], reason: "New Year's Eve"),
        ])
        #expect(schedule.status(at: instant("2026-12-24T12:00:00Z")) == .open(until: instant("2026-12-24T13:00:00Z")))
        #expect(schedule.status(at: instant("2026-12-24T14:00:00Z")) == .closed(nextOpening: instant("2026-12-28T09:00:00Z")))
        #expect(schedule.status(at: instant("2026-12-31T10:00:00Z")) == .closed(nextOpening: instant("2026-12-31T20:00:00Z")))
        #expect(schedule.status(at: instant("2026-12-31T23:00:00Z")) == .open(until: instant("2027-01-01T02:00:00Z")))
    }

    @Test func specialHoursLeaveTheNightBeforeRunning() throws {
        let schedule = try london([WeeklyInterval(weekday: .friday, opens: "22:00", closes: "06:00")], [
            .open(on: LocalDate("2026-06-13"), hours: [DailyInterval(opens: "10:00", closes: "14:00")], reason: "Exam results"),
        ])
        #expect(schedule.status(at: instant("2026-06-13T03:00:00+01:00")) == .open(until: instant("2026-06-13T06:00:00+01:00")))
        #expect(schedule.status(at: instant("2026-06-13T07:00:00+01:00"))
            == .closed(nextOpening: instant("2026-06-13T10:00:00+01:00")))
        #expect(schedule.closing(after: instant("2026-06-13T07:00:00+01:00")) == instant("2026-06-13T14:00:00+01:00"))
    }

    @Test func roundTheClockClosesForAClosureWithinTheHorizon() throws {
        let schedule = try OpeningSchedule.alwaysOpen(
            timeZoneIdentifier: "Europe/London",
            exceptions: [.closed(on: LocalDate("2026-06-11"), reason: "Telephone system upgrade")])
        #expect(schedule.status(at: instant("2026-06-01T12:00:00+01:00")) == .open(until: instant("2026-06-11T00:00:00+01:00")))
        #expect(schedule.nextOpening(after: instant("2026-06-01T12:00:00+01:00")) == instant("2026-06-12T00:00:00+01:00"))
    }

    @Test func aClosureLongerThanTheHorizonHasNoNextOpening() throws {
        let summer = try (1...20).map { day in
            try ScheduleException.closed(on: LocalDate(year: 2026, month: 7, day: day), reason: "Summer closure")
        }
        let schedule = try london(WeeklyInterval.every(Weekday.allCases, opens: "09:00", closes: "17:00"), summer)
        #expect(schedule.status(at: instant("2026-07-01T12:00:00+01:00")) == .closed(nextOpening: nil))
        #expect(schedule.status(at: instant("2026-07-10T12:00:00+01:00"))
            == .closed(nextOpening: instant("2026-07-21T09:00:00+01:00")))
    }
}
