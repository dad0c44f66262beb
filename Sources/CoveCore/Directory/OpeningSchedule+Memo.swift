import Foundation

/// Working out a day's open periods takes a few hundred calendar operations, and help-now asks
/// about the same helplines all day long. The periods depend only on the local day of the
/// question (see `openPeriods(around:)`), so the last day's are kept and reused for any instant
/// on that same day: the answer is exactly the one computed afresh.
final class PeriodsMemo: @unchecked Sendable {
    private struct Entry {
        let day: Range<Date>
        let periods: OpenPeriods
    }

    private let lock = NSLock()
    private var entry: Entry?

    fileprivate func periods(for instant: Date) -> OpenPeriods? {
        lock.withLock { entry.flatMap { $0.day.contains(instant) ? $0.periods : nil } }
    }

    fileprivate func keep(_ periods: OpenPeriods, for day: Range<Date>) {
        lock.withLock { entry = Entry(day: day, periods: periods) }
    }
}

extension OpeningSchedule {
    func memoisedOpenPeriods(around instant: Date) -> OpenPeriods {
        if let known = memo.periods(for: instant) { return known }
        let clock = ZonedCalendar(timeZone: timeZone)
        let today = clock.localDate(of: instant)
        let periods = openPeriods(around: instant)
        let day = clock.instant(on: today, at: .midnight)..<clock.instant(on: today.adding(days: 1), at: .midnight)
        // A day whose bounds the calendar cannot order (never seen) is simply not kept.
        if day.contains(instant) { memo.keep(periods, for: day) }
        return periods
    }
}
