import Foundation
import Testing
@testable import CoveCore

/// Transitions as tzdata 2025b has them:
/// - Europe/London: 2026-03-29 01:00 GMT → 02:00 BST; 2026-10-25 02:00 BST → 01:00 GMT.
/// - America/Santiago: 2026-04-04 24:00 −03 → 23:00 −04 (Saturday 23:00–24:00 twice);
///   2026-09-06 and 2027-09-05 00:00 −04 → 01:00 −03 (those Sundays have no midnight).
/// - Australia/Lord_Howe: 2026-04-05 02:00 +11 → 01:30 +10:30; 2026-10-04 02:00 +10:30 → 02:30 +11.
@Suite("Opening schedule across DST changes")
struct OpeningScheduleDSTTests {
    private func schedule(_ zone: String, _ weekly: [WeeklyInterval],
                          _ exceptions: [ScheduleException] = []) throws -> OpeningSchedule {
        try OpeningSchedule(timeZoneIdentifier: zone, weekly: weekly, exceptions: exceptions)
    }

    /// Opens at `opening` (and not a minute before) and stays open for exactly `hours`.
    private func expectOpen(_ schedule: OpeningSchedule, from opening: String, hours: Double,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        let start = instant(opening)
        #expect(schedule.nextOpening(after: start.addingTimeInterval(-60)) == start, sourceLocation: sourceLocation)
        #expect(schedule.status(at: start) == .open(until: start.addingTimeInterval(hours * 3600)),
                sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        ("2026-03-27T18:00:00Z", "2026-03-28T09:00:00Z"),
        ("2026-03-28T18:00:00Z", "2026-03-29T08:00:00Z"),
        ("2026-10-23T18:00:00Z", "2026-10-24T08:00:00Z"),
        ("2026-10-24T18:00:00Z", "2026-10-25T09:00:00Z"),
    ])
    func londonOpensAtNineLocalOnBothSidesOfEachChange(after time: String, opening: String) throws {
        let schedule = try schedule("Europe/London", WeeklyInterval.every(Weekday.allCases, opens: "09:00", closes: "17:00"))
        #expect(schedule.status(at: instant(time)) == .closed(nextOpening: instant(opening)))
        #expect(schedule.closing(after: instant(opening)) == instant(opening).addingTimeInterval(8 * 3600))
    }

    @Test func londonMidnightToFourLastsThreeHoursInSpringAndFiveInAutumn() throws {
        let schedule = try schedule("Europe/London", [WeeklyInterval(weekday: .sunday, opens: "00:00", closes: "04:00")])
        expectOpen(schedule, from: "2026-03-29T00:00:00Z", hours: 3)
        expectOpen(schedule, from: "2026-10-25T00:00:00+01:00", hours: 5)
    }

    @Test func londonOpeningInTheGapWaitsForTheClocksToGoForward() throws {
        let schedule = try schedule("Europe/London", [WeeklyInterval(weekday: .sunday, opens: "01:30", closes: "03:00")])
        expectOpen(schedule, from: "2026-03-29T02:00:00+01:00", hours: 1)
        // 01:30 happens twice in October; the helpline opens the first time.
        expectOpen(schedule, from: "2026-10-25T01:30:00+01:00", hours: 2.5)
    }

    @Test func londonHoursWhollyInTheGapDoNotHappen() throws {
        let schedule = try schedule("Europe/London", [WeeklyInterval(weekday: .sunday, opens: "01:15", closes: "01:45")])
        #expect(schedule.status(at: instant("2026-03-29T00:30:00Z"))
            == .closed(nextOpening: instant("2026-04-05T01:15:00+01:00")))
    }

    @Test func londonClosingInTheRepeatClosesTheFirstTime() throws {
        let schedule = try schedule("Europe/London", [WeeklyInterval(weekday: .saturday, opens: "22:00", closes: "01:30")])
        #expect(schedule.status(at: instant("2026-10-25T00:00:00+01:00"))
            == .open(until: instant("2026-10-25T01:30:00+01:00")))
    }

    @Test func santiagoSaturdayEveningGainsAnHourWhenMidnightComesTwice() throws {
        let schedule = try schedule("America/Santiago", [WeeklyInterval(weekday: .saturday, opens: "20:00", closes: "24:00")])
        expectOpen(schedule, from: "2026-04-04T20:00:00-03:00", hours: 5)
        #expect(schedule.status(at: instant("2026-04-04T23:30:00-04:00"))
            == .open(until: instant("2026-04-05T00:00:00-04:00")))
    }

    @Test func santiagoOpeningInTheRepeatedHourOpensTheFirstTime() throws {
        let schedule = try schedule("America/Santiago", [WeeklyInterval(weekday: .saturday, opens: "23:30", closes: "24:00")])
        expectOpen(schedule, from: "2026-04-04T23:30:00-03:00", hours: 1.5)
    }

    @Test(arguments: [("2026-09-05T23:00:00-04:00", "2026-09-06T01:00:00-03:00"),
                      ("2027-09-04T23:00:00-04:00", "2027-09-05T01:00:00-03:00")])
    func santiagoSundayWithoutMidnightOpensAtOne(saturdayNight: String, opening: String) throws {
        let schedule = try schedule("America/Santiago", [WeeklyInterval(weekday: .sunday, opens: "00:00", closes: "08:00")])
        #expect(schedule.status(at: instant(saturdayNight)) == .closed(nextOpening: instant(opening)))
        expectOpen(schedule, from: opening, hours: 7)
    }

    @Test func santiagoSaturdayNightRunsThroughTheMissingMidnight() throws {
        let schedule = try schedule("America/Santiago", [WeeklyInterval(weekday: .saturday, opens: "20:00", closes: "24:00"),
                                                         WeeklyInterval(weekday: .sunday, opens: "00:00", closes: "08:00")])
        #expect(schedule.status(at: instant("2026-09-05T19:00:00-04:00"))
            == .closed(nextOpening: instant("2026-09-05T20:00:00-04:00")))
        expectOpen(schedule, from: "2026-09-05T20:00:00-04:00", hours: 11)
    }

    @Test func santiagoClosureOnTheDayWithoutMidnightCutsAtOne() throws {
        let schedule = try schedule("America/Santiago", [WeeklyInterval(weekday: .saturday, opens: "22:00", closes: "02:00")],
                                    [.closed(on: LocalDate("2026-09-06"), reason: "Cierre temporal")])
        #expect(schedule.status(at: instant("2026-09-05T23:00:00-04:00"))
            == .open(until: instant("2026-09-06T01:00:00-03:00")))
        #expect(schedule.status(at: instant("2026-09-12T23:00:00-03:00"))
            == .open(until: instant("2026-09-13T02:00:00-03:00")))
    }

    /// Foundation here already places skipped times after the gap and repeated times at their first
    /// showing; other platforms may not, so the corrections are checked on their own.
    @Test func wallClockCorrectionsDoNotDependOnThePlatform() throws {
        let london = ZonedCalendar(timeZone: try #require(TimeZone(identifier: "Europe/London")))
        let half = DateComponents(year: 2026, month: 10, day: 25, hour: 1, minute: 30)
        #expect(london.firstOccurrence(of: half, shownAt: instant("2026-10-25T01:30:00Z")) == instant("2026-10-25T00:30:00Z"))
        #expect(london.firstOccurrence(of: half, shownAt: instant("2026-10-25T00:30:00Z")) == instant("2026-10-25T00:30:00Z"))
        #expect(london.endOfGap(around: instant("2026-03-29T00:30:00Z")) == instant("2026-03-29T01:00:00Z"))
        #expect(london.endOfGap(around: instant("2026-03-29T01:30:00Z")) == instant("2026-03-29T01:00:00Z"))
        #expect(london.instant(on: try LocalDate("2026-03-29"), at: try LocalTime("01:30")) == instant("2026-03-29T01:00:00Z"))
        #expect(london.instant(on: try LocalDate("2026-10-25"), at: try LocalTime("01:30")) == instant("2026-10-25T00:30:00Z"))
    }

    @Test func lordHoweShiftsByHalfAnHour() throws {
        let schedule = try schedule("Australia/Lord_Howe", WeeklyInterval.every(Weekday.allCases, opens: "09:00", closes: "17:00"))
        #expect(schedule.status(at: instant("2026-10-03T12:00:00+10:30"))
            == .open(until: instant("2026-10-03T17:00:00+10:30")))
        #expect(schedule.nextOpening(after: instant("2026-10-03T12:00:00+10:30")) == instant("2026-10-04T09:00:00+11:00"))
        #expect(instant("2026-10-04T09:00:00+11:00").timeIntervalSince(instant("2026-10-03T09:00:00+10:30")) == 23.5 * 3600)
    }

    @Test func lordHoweNightsAcrossTheHalfHourChanges() throws {
        let schedule = try schedule("Australia/Lord_Howe", [WeeklyInterval(weekday: .sunday, opens: "01:00", closes: "04:00")])
        expectOpen(schedule, from: "2026-10-04T01:00:00+10:30", hours: 2.5)
        let oneToThree = try self.schedule("Australia/Lord_Howe",
                                           [WeeklyInterval(weekday: .sunday, opens: "01:00", closes: "03:00")])
        expectOpen(oneToThree, from: "2026-04-05T01:00:00+11:00", hours: 2.5)
        let inTheGap = try self.schedule("Australia/Lord_Howe",
                                         [WeeklyInterval(weekday: .sunday, opens: "02:15", closes: "03:00")])
        expectOpen(inTheGap, from: "2026-10-04T02:30:00+11:00", hours: 0.5)
    }
}

@Suite("Opening schedule memo")
struct OpeningScheduleMemoTests {
    private static func schedules(in zone: String) throws -> [OpeningSchedule] {
        let weekdays = try WeeklyInterval.every([.monday, .tuesday, .wednesday, .thursday, .friday], opens: "09:00", closes: "17:00")
            + WeeklyInterval.every([.saturday], opens: "22:00", closes: "02:00")
        let holiday = try ScheduleException.closed(on: LocalDate("2026-04-06"), reason: "Holiday")
        // Open one hour a week, with two Mondays off: the next opening sits right at the look-ahead's
        // edge, where an answer kept from the wrong day would differ.
        let rare = try [WeeklyInterval(weekday: .monday, opens: "09:00", closes: "10:00")]
        let offs = try ["2026-03-30", "2026-04-06"].map { try ScheduleException.closed(on: LocalDate($0), reason: "Off") }
        return [
            try OpeningSchedule(timeZoneIdentifier: zone, weekly: weekdays, exceptions: [holiday]),
            try OpeningSchedule(timeZoneIdentifier: zone, weekly: rare, exceptions: offs),
        ]
    }

    /// The memo must give exactly what a fresh computation gives, across midnights and DST changes,
    /// for instants asked in any order.
    @Test(arguments: ["Europe/London", "America/Santiago", "Australia/Lord_Howe", "Asia/Kolkata"])
    func answersAreTheSameAsComputedAfresh(zone: String) throws {
        let start = instant("2026-03-25T00:00:00Z").timeIntervalSince1970
        var random = SplitMix64(state: 0xC0FFEE)
        // Random instants, then every quarter of an hour in order, so most answers come from the memo.
        let instants = (0..<300).map { _ in start + Double(Int.random(in: 0..<(40 * 86_400), using: &random)) }
            + (0..<(16 * 24 * 4)).map { start + Double($0 * 15 * 60 + 7) }
        for (schedule, index) in zip(try Self.schedules(in: zone), 0...) {
            for seconds in instants {
                let at = Date(timeIntervalSince1970: seconds)
                let fresh = try Self.schedules(in: zone)[index]
                #expect(schedule.status(at: at) == fresh.status(at: at), "\(zone) schedule \(index) at \(at)")
            }
        }
    }
}
