import Foundation
import Testing
@testable import CoveCore

private func interval(_ weekday: Weekday, _ opens: String, _ closes: String) throws -> WeeklyInterval {
    try WeeklyInterval(weekday: weekday, opens: opens, closes: closes)
}

@Suite("Weekly hours as text")
struct WeeklyHoursTextTests {
    // MARK: - Reading

    @Test func roundTheClockIsSevenWholeDaysAndWritesBackAs247() throws {
        let week = try WeeklyHoursText.intervals(from: "24/7")
        #expect(week.count == 7)
        let whole = try Weekday.allCases.map { try interval($0, "00:00", "24:00") }
        #expect(Set(week) == Set(whole))
        #expect(try OpeningSchedule(timeZoneIdentifier: "Europe/London", weekly: week).isAlwaysOpen)
        #expect(WeeklyHoursText.text(for: week) == "24/7")
        #expect(try Set(WeeklyHoursText.intervals(from: "  24/7 ")) == Set(whole))
    }

    @Test func rulesForTheSameDayAddUp() throws {
        let week = try WeeklyHoursText.intervals(from: "Mo-Sa 14:00-20:00; Mo,We,Th 10:00-12:00")
        #expect(week.count == 9)
        let monday = try [interval(.monday, "10:00", "12:00"), interval(.monday, "14:00", "20:00")]
        #expect(Set(week.filter { $0.weekday == .monday }) == Set(monday))
        let tuesday = try interval(.tuesday, "14:00", "20:00")
        #expect(week.filter { $0.weekday == .tuesday } == [tuesday])
        #expect(week.filter { $0.weekday == .sunday }.isEmpty)

        // Monday 15 June 2026, London summer time: open in the morning and the afternoon, not over lunch.
        let schedule = try OpeningSchedule(timeZoneIdentifier: "Europe/London", weekly: week)
        #expect(schedule.isOpen(at: instant("2026-06-15T11:00:00+01:00")))
        #expect(schedule.isOpen(at: instant("2026-06-15T15:00:00+01:00")))
        #expect(schedule.status(at: instant("2026-06-15T13:00:00+01:00"))
            == .closed(nextOpening: instant("2026-06-15T14:00:00+01:00")))
    }

    @Test func aDayRangeCanWrapOverTheWeekend() throws {
        let week = try WeeklyHoursText.intervals(from: "Sa-Mo 10:00-12:00")
        #expect(week.count == 3)
        #expect(Set(week.map(\.weekday)) == [.saturday, .sunday, .monday])
        #expect(try Set(WeeklyHoursText.intervals(from: "Su-Mo 10:00-12:00").map(\.weekday)) == [.sunday, .monday])
        #expect(try WeeklyHoursText.intervals(from: "Mo-Su 10:00-12:00").count == 7)
    }

    @Test func hoursEndingBeforeTheyStartRunOvernightFromTheDayNamed() throws {
        let week = try WeeklyHoursText.intervals(from: "Fr 22:00-06:00")
        let fridayNight = try interval(.friday, "22:00", "06:00")
        #expect(week == [fridayNight])
        let schedule = try OpeningSchedule(timeZoneIdentifier: "Europe/London", weekly: week)
        // Saturday 13 June 2026, 03:00 in London.
        #expect(schedule.status(at: instant("2026-06-13T03:00:00+01:00"))
            == .open(until: instant("2026-06-13T06:00:00+01:00")))
        #expect(!schedule.isOpen(at: instant("2026-06-12T03:00:00+01:00")))
        #expect(WeeklyHoursText.text(for: week) == "Fr 22:00-06:00")
    }

    @Test func spacesAroundRulesAndBetweenPartsAreTolerated() throws {
        let week = try WeeklyHoursText.intervals(from: "  Mo-Fr   09:00-17:00 ;Sa 10:00-12:00 ")
        let expected = try WeeklyInterval.every([.monday, .tuesday, .wednesday, .thursday, .friday], opens: "09:00", closes: "17:00")
            + [interval(.saturday, "10:00", "12:00")]
        #expect(Set(week) == Set(expected))
    }

    @Test(arguments: [
        ("", WeeklyHoursTextError.empty),
        ("   ", .empty),
        ("Mo-Fr", .malformedRule("Mo-Fr")),
        ("Mo-Fr 09:00-17:00; Sa", .malformedRule("Sa")),
        ("Mo 09:00-17:00 extra", .malformedRule("Mo 09:00-17:00 extra")),
        ("Xx 09:00-10:00", .unknownDay("Xx")),
        ("mo 09:00-10:00", .unknownDay("mo")),
        ("Mo-Xx 09:00-10:00", .unknownDay("Mo-Xx")),
        ("Mo-We-Fr 09:00-10:00", .unknownDay("Mo-We-Fr")),
        ("Mo 9:00-10:00", .malformedTimes("9:00-10:00")),
        ("Mo 24:00-02:00", .malformedTimes("24:00-02:00")),
        ("Mo 09:00", .malformedTimes("09:00")),
        ("Mo 09:00-17:00,", .malformedTimes("")),
        ("Mo 09:00-25:00", .malformedTimes("09:00-25:00")),
    ])
    func malformedTextIsRefusedQuotingThePartToFix(text: String, error: WeeklyHoursTextError) {
        #expect(throws: error) { try WeeklyHoursText.intervals(from: text) }
    }

    @Test func errorMessagesQuoteThePart() {
        #expect(WeeklyHoursTextError.unknownDay("Xx").description.hasPrefix("\"Xx\" is not a day"))
        #expect(WeeklyHoursTextError.malformedTimes("9:00-10:00").description.hasPrefix("\"9:00-10:00\" is not a span"))
        #expect(WeeklyHoursTextError.malformedRule("Mo-Fr").description.hasPrefix("\"Mo-Fr\" is not a rule"))
    }

    /// "No hours" is not a week, however it is spelt: a stray separator must not read as a line that never opens.
    @Test(arguments: [";", " ; ", ";;"])
    func onlySeparatorsIsRefusedLikeAnEmptyText(text: String) {
        #expect(throws: WeeklyHoursTextError.self) { try WeeklyHoursText.intervals(from: text) }
    }

    // MARK: - Writing

    @Test func writingGroupsDaysAndReadsBackTheSameWeek() throws {
        let written = "Mo-Fr 09:00-17:00; Sa 10:00-12:00"
        let week = try WeeklyHoursText.intervals(from: written)
        let text = WeeklyHoursText.text(for: week)
        #expect(text == written)
        #expect(try Set(WeeklyHoursText.intervals(from: text)) == Set(week))
    }

    @Test func daysWithTheSameHoursBecomeRangesAndLists() throws {
        let hours = try WeeklyInterval.every([.monday, .tuesday, .wednesday, .friday], opens: "09:00", closes: "17:00")
        #expect(WeeklyHoursText.text(for: hours) == "Mo-We,Fr 09:00-17:00")
        let weekend = try WeeklyInterval.every([.sunday, .saturday], opens: "10:00", closes: "14:00")
        #expect(WeeklyHoursText.text(for: weekend) == "Sa,Su 10:00-14:00")
    }

    @Test func splitHoursWriteAsOneRulePerDistinctDay() throws {
        let week = try WeeklyHoursText.intervals(from: "Mo-Sa 14:00-20:00; Mo,We,Th 10:00-12:00")
        let text = WeeklyHoursText.text(for: week)
        #expect(text == "Mo,We,Th 10:00-12:00,14:00-20:00; Tu,Fr,Sa 14:00-20:00")
        #expect(try Set(WeeklyHoursText.intervals(from: text)) == Set(week))
    }

    @Test(arguments: ["Mo-Su 00:00-24:00", "Mo-Su 00:00-12:00,12:00-24:00", "Mo-Su 00:00-00:00", "Mo-Su 18:00-18:00"])
    func aWeekCoveredEveryMinuteWritesAs247(text: String) throws {
        #expect(WeeklyHoursText.text(for: try WeeklyHoursText.intervals(from: text)) == "24/7")
    }

    @Test func aWeekWithOneMinuteMissingIsNot247() throws {
        let week = try WeeklyHoursText.intervals(from: "Mo-Sa 00:00-24:00; Su 00:00-23:59")
        let text = WeeklyHoursText.text(for: week)
        #expect(text != "24/7")
        #expect(try Set(WeeklyHoursText.intervals(from: text)) == Set(week))
    }

    /// Random weeks that cannot cover every minute (at most six intervals under twelve hours each, so
    /// under 72 hours), so the text is never `24/7` and must read back as exactly the same intervals.
    @Test func writtenWeeksReadBackAsTheSameIntervals() throws {
        var random = SplitMix64(state: 0x5EED_C0FE)
        let day = 24 * 60
        for _ in 0..<200 {
            var week: [WeeklyInterval] = []
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                let weekday = Weekday.allCases.randomElement(using: &random)!
                let copiesPrevious = Bool.random(using: &random)
                if let previous = week.last, copiesPrevious {
                    // The same hours on another day, so days get grouped into lists and ranges.
                    try week.append(WeeklyInterval(weekday: weekday, opens: previous.opens, closes: previous.closes))
                    continue
                }
                let opens = Int.random(in: 0..<day, using: &random)
                let end = opens + Int.random(in: 1..<(12 * 60), using: &random)
                // Closing exactly at midnight is written either way: 24:00, or 00:00 running "overnight".
                let writes2400 = Bool.random(using: &random)
                let closes = try end == day && writes2400 ? LocalTime.endOfDay
                    : LocalTime(hour: (end % day) / 60, minute: end % 60)
                try week.append(WeeklyInterval(weekday: weekday, opens: LocalTime(hour: opens / 60, minute: opens % 60),
                                               closes: closes))
            }
            let text = WeeklyHoursText.text(for: week)
            #expect(text != WeeklyHoursText.alwaysOpen, "\(week)")
            let readBack = try WeeklyHoursText.intervals(from: text)
            #expect(Set(readBack) == Set(week), "\(text)")
            #expect(WeeklyHoursText.text(for: readBack) == text)
        }
    }
}
