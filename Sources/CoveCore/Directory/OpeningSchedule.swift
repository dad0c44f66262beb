import Foundation

/// Whether a helpline is open at an instant, and until when, or when it next opens.
public enum OpeningStatus: Hashable, Sendable {
    /// Open now; `until` is nil when it stays open past the look-ahead horizon (24/7 helplines).
    case open(until: Date?)
    /// Closed now; `nextOpening` is nil when it does not open within the look-ahead horizon.
    case closed(nextOpening: Date?)

    public var isOpen: Bool {
        if case .open = self { true } else { false }
    }
}

/// When a helpline answers: weekly hours on its own wall clock, in its IANA time zone, with dated
/// exceptions for public holidays, closures and special hours.
///
/// Queries take absolute instants and work out the local days around them through `Calendar`, so
/// they hold across DST changes; see `ZonedCalendar` for skipped and repeated wall-clock times.
/// Intervals that touch or overlap form one open period: Monday 20:00–24:00 with Tuesday 00:00–08:00
/// is open without a break until Tuesday 08:00.
///
/// Queries look no further than `horizonInDays` local days ahead, so they always end: beyond that,
/// a helpline still open is reported as open with no closing time, and one still closed as having
/// no next opening.
public struct OpeningSchedule: Hashable, Sendable, Codable {
    public let timeZoneIdentifier: String
    public let weekly: [WeeklyInterval]
    public let exceptions: [ScheduleException]
    /// The last local day's open periods, shared by copies of this schedule; see `OpeningSchedule+Memo`.
    let memo = PeriodsMemo()

    /// Two weeks covers a fortnight's closure over the year-end holidays and every weekly pattern.
    public static let horizonInDays = 14

    public init(timeZoneIdentifier: String, weekly: [WeeklyInterval], exceptions: [ScheduleException] = []) throws {
        guard Self.isIANATimeZone(timeZoneIdentifier) else {
            throw ScheduleError.unknownTimeZone(timeZoneIdentifier)
        }
        var seen = Set<LocalDate>()
        for exception in exceptions where !seen.insert(exception.date).inserted {
            throw ScheduleError.duplicateException(exception.date)
        }
        self.timeZoneIdentifier = timeZoneIdentifier
        // Sorted, so two schedules stating the same week in another order are equal.
        self.weekly = weekly.sorted { ($0.weekday, $0.opens, $0.closes) < ($1.weekday, $1.opens, $1.closes) }
        self.exceptions = exceptions.sorted { $0.date < $1.date }
    }

    /// Open around the clock, every day; exceptions can still close it.
    public static func alwaysOpen(timeZoneIdentifier: String, exceptions: [ScheduleException] = []) throws
        -> OpeningSchedule {
        let weekly = try WeeklyInterval.every(Weekday.allCases, opens: "00:00", closes: "24:00")
        return try OpeningSchedule(timeZoneIdentifier: timeZoneIdentifier, weekly: weekly, exceptions: exceptions)
    }

    /// Whether the weekly hours cover every minute of the week (24/7), whatever the exceptions say.
    public var isAlwaysOpen: Bool {
        let week = 7 * 24 * 60
        let minutes = weekly.flatMap { interval -> [Range<Int>] in
            let start = (interval.weekday.rawValue - 1) * 24 * 60 + interval.opens.minutesSinceMidnight
            let end = start + interval.hours.minutesOnTheClock
            // Sunday night's hours wrap round to Monday morning.
            return end <= week ? [start..<end] : [start..<week, 0..<(end - week)]
        }
        return merging(minutes) == [0..<week]
    }

    public var timeZone: TimeZone { TimeZone(identifier: timeZoneIdentifier)! }

    public func status(at instant: Date) -> OpeningStatus {
        let window = memoisedOpenPeriods(around: instant)
        if let current = window.periods.first(where: { $0.contains(instant) }) {
            return .open(until: window.knownEnd(of: current))
        }
        return .closed(nextOpening: window.firstOpening(after: instant))
    }

    public func isOpen(at instant: Date) -> Bool {
        status(at: instant).isOpen
    }

    /// The first instant after `instant` at which the helpline opens, after it closes if it is open now.
    public func nextOpening(after instant: Date) -> Date? {
        openPeriods(around: instant).firstOpening(after: instant)
    }

    /// The first instant after `instant` at which the helpline closes: the end of the current open
    /// period, or of the next one if it is closed now.
    public func closing(after instant: Date) -> Date? {
        let window = openPeriods(around: instant)
        return window.periods.first { $0.upperBound > instant }.flatMap(window.knownEnd(of:))
    }

    private enum CodingKeys: String, CodingKey { case timeZoneIdentifier = "timeZone", weekly, exceptions }

    /// Two schedules are equal when they state the same hours; the memo is only a cache.
    public static func == (lhs: OpeningSchedule, rhs: OpeningSchedule) -> Bool {
        lhs.timeZoneIdentifier == rhs.timeZoneIdentifier && lhs.weekly == rhs.weekly && lhs.exceptions == rhs.exceptions
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(timeZoneIdentifier)
        hasher.combine(weekly)
        hasher.combine(exceptions)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(timeZoneIdentifier: container.decode(String.self, forKey: .timeZoneIdentifier),
                      weekly: container.decode([WeeklyInterval].self, forKey: .weekly),
                      exceptions: container.decodeIfPresent([ScheduleException].self, forKey: .exceptions) ?? [])
    }

    /// Foundation also accepts spellings such as "GMT+2" and maps them to fixed offsets; only names
    /// it keeps as given are IANA zones. Every IANA name is kept except the aliases of UTC.
    static func isIANATimeZone(_ identifier: String) -> Bool {
        guard let zone = TimeZone(identifier: identifier) else { return false }
        return zone.identifier == identifier || ["UTC", "GMT+0", "GMT-0", "Etc/UTC"].contains(identifier)
    }
}
