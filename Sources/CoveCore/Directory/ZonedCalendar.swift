import Foundation

/// Converts between a helpline's wall clock and absolute instants in its IANA time zone.
///
/// Wall-clock times that DST makes odd are resolved so that a helpline is never open for a moment
/// its clock does not show, and opens as soon as its clock shows the opening time:
/// - a time skipped when clocks go forward (01:30 in London on the last Sunday of March, when 01:00
///   GMT becomes 02:00 BST) means the first instant after the gap, the moment of the change (02:00 BST);
/// - a time shown twice when clocks go back (01:30 in London on the last Sunday of October) means
///   the first time it is shown (01:30 BST).
struct ZonedCalendar {
    let calendar: Calendar

    init(timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    private var timeZone: TimeZone { calendar.timeZone }

    func localDate(of instant: Date) -> LocalDate {
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return LocalDate(validYear: parts.year!, month: parts.month!, day: parts.day!)
    }

    func instant(on day: LocalDate, at time: LocalTime) -> Date {
        if time == .endOfDay { return instant(on: day.adding(days: 1), at: .midnight) }
        var wanted = day.components
        wanted.hour = time.hour
        wanted.minute = time.minute
        guard let candidate = calendar.date(from: wanted) else {
            preconditionFailure("Gregorian calendar cannot place \(day) \(time)")
        }
        guard shows(candidate, wanted) else { return endOfGap(around: candidate) }
        return firstOccurrence(of: wanted, shownAt: candidate)
    }

    /// The instants from 00:00 to 24:00 of a local day, however long DST makes it.
    func wholeDay(_ day: LocalDate) -> Range<Date> {
        instant(on: day, at: .midnight)..<instant(on: day, at: .endOfDay)
    }

    /// The instants an interval starting on `day` covers; empty when it lies wholly in a DST gap.
    func span(of hours: DailyInterval, on day: LocalDate) -> Range<Date>? {
        let start = instant(on: day, at: hours.opens)
        let end = instant(on: hours.runsOvernight ? day.adding(days: 1) : day, at: hours.closes)
        return start < end ? start..<end : nil
    }

    private func shows(_ instant: Date, _ wanted: DateComponents) -> Bool {
        let seen = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        return (seen.year, seen.month, seen.day, seen.hour, seen.minute)
            == (wanted.year, wanted.month, wanted.day, wanted.hour, wanted.minute)
    }

    /// Foundation already prefers the first occurrence, but not every platform promises it, so check
    /// whether the clock showed the same time once before, before the last change of offset.
    func firstOccurrence(of wanted: DateComponents, shownAt candidate: Date) -> Date {
        let dayBefore = calendar.date(byAdding: .day, value: -1, to: candidate) ?? candidate
        let setBack = timeZone.secondsFromGMT(for: dayBefore) - timeZone.secondsFromGMT(for: candidate)
        guard setBack > 0 else { return candidate }
        let earlier = candidate.addingTimeInterval(-TimeInterval(setBack))
        return shows(earlier, wanted) ? earlier : candidate
    }

    /// Platforms place a skipped time on either side of the gap; the change of offset lies within a
    /// day of it, so search that bracket for the first instant under the new offset.
    func endOfGap(around candidate: Date) -> Date {
        var low = calendar.date(byAdding: .hour, value: -24, to: candidate) ?? candidate
        var high = calendar.date(byAdding: .hour, value: 24, to: candidate) ?? candidate
        let offsetBefore = timeZone.secondsFromGMT(for: low)
        guard timeZone.secondsFromGMT(for: high) != offsetBefore else { return candidate }
        // Zone transitions fall on whole seconds, so halving down to one second finds one exactly.
        while high.timeIntervalSince(low) > 1 {
            let middle = low.addingTimeInterval((high.timeIntervalSince(low) / 2).rounded(.down))
            if timeZone.secondsFromGMT(for: middle) == offsetBefore { low = middle } else { high = middle }
        }
        return high
    }
}
