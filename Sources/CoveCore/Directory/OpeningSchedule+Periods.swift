import Foundation

/// The instants a helpline is open around one query, merged into unbroken periods.
struct OpenPeriods {
    /// Sorted, non-overlapping, non-touching.
    let periods: [Range<Date>]
    /// The end of the last local day looked at; nothing at or after it is known.
    let horizon: Date

    /// A period reaching the horizon may go on beyond it, so its end is not a real closing time.
    func knownEnd(of period: Range<Date>) -> Date? {
        period.upperBound < horizon ? period.upperBound : nil
    }

    func firstOpening(after instant: Date) -> Date? {
        periods.first { $0.lowerBound > instant && $0.lowerBound < horizon }?.lowerBound
    }
}

extension OpeningSchedule {
    /// Intervals starting the day before the query's local day (its overnight hours may still run)
    /// through `horizonInDays` days after it, less the days closed by exceptions.
    func openPeriods(around instant: Date) -> OpenPeriods {
        let clock = ZonedCalendar(timeZone: timeZone)
        let today = clock.localDate(of: instant)
        let days = (-1...Self.horizonInDays).map { today.adding(days: $0) }
        let spans = days.flatMap { day in hours(on: day).compactMap { clock.span(of: $0, on: day) } }
        // A closed day also cuts short the overnight hours of the day before.
        let closedDays = Set(exceptions.filter { $0.kind == .closed }.map(\.date))
        let closures = days.filter(closedDays.contains).map(clock.wholeDay)
        let open = closures.reduce(spans) { remaining, closure in removing(closure, from: remaining) }
        let horizon = clock.instant(on: today.adding(days: Self.horizonInDays), at: .endOfDay)
        return OpenPeriods(periods: merging(open), horizon: horizon)
    }

    /// The hours starting on a local day: its exception's if it has one, otherwise its weekday's.
    func hours(on day: LocalDate) -> [DailyInterval] {
        switch exceptions.first(where: { $0.date == day })?.kind {
        case .closed: []
        case .open(let hours): hours
        case nil: weekly.filter { $0.weekday == day.weekday }.map(\.hours)
        }
    }
}

/// Ranges that overlap or touch become one.
func merging<Bound: Comparable>(_ ranges: [Range<Bound>]) -> [Range<Bound>] {
    ranges.sorted { $0.lowerBound < $1.lowerBound }.reduce(into: []) { merged, range in
        if let last = merged.last, range.lowerBound <= last.upperBound {
            merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
        } else if !range.isEmpty {
            merged.append(range)
        }
    }
}

fileprivate func removing<Bound: Comparable>(_ cut: Range<Bound>, from ranges: [Range<Bound>]) -> [Range<Bound>] {
    ranges.flatMap { range -> [Range<Bound>] in
        guard range.overlaps(cut) else { return [range] }
        var pieces: [Range<Bound>] = []
        if range.lowerBound < cut.lowerBound { pieces.append(range.lowerBound..<cut.lowerBound) }
        if cut.upperBound < range.upperBound { pieces.append(cut.upperBound..<range.upperBound) }
        return pieces
    }
}
