/// Hours on one local day: open from `opens` until `closes`.
///
/// A closing time at or before the opening time runs overnight into the next day, so 22:00–06:00 is
/// eight hours of wall-clock time and 00:00–00:00 is a whole day; 00:00–24:00 is also the whole day.
public struct DailyInterval: Hashable, Sendable, Codable {
    public let opens: LocalTime
    public let closes: LocalTime

    public init(opens: LocalTime, closes: LocalTime) throws {
        guard opens != .endOfDay else { throw ScheduleError.opensAtEndOfDay }
        self.opens = opens
        self.closes = closes
    }

    public init(opens: String, closes: String) throws {
        try self.init(opens: LocalTime(opens), closes: LocalTime(closes))
    }

    public var runsOvernight: Bool { closes <= opens }

    /// Length on the wall clock; a DST change that night makes the real length differ.
    public var minutesOnTheClock: Int {
        closes.minutesSinceMidnight - opens.minutesSinceMidnight + (runsOvernight ? 24 * 60 : 0)
    }

    private enum CodingKeys: String, CodingKey { case opens, closes }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(opens: container.decode(LocalTime.self, forKey: .opens),
                      closes: container.decode(LocalTime.self, forKey: .closes))
    }
}

/// Hours that recur every week on one weekday; overnight hours belong to the day they start on,
/// so Friday 22:00–06:00 runs from Friday night into Saturday morning.
public struct WeeklyInterval: Hashable, Sendable, Codable {
    public let weekday: Weekday
    public let opens: LocalTime
    public let closes: LocalTime

    public init(weekday: Weekday, opens: LocalTime, closes: LocalTime) throws {
        let hours = try DailyInterval(opens: opens, closes: closes)
        self.weekday = weekday
        self.opens = hours.opens
        self.closes = hours.closes
    }

    public init(weekday: Weekday, opens: String, closes: String) throws {
        try self.init(weekday: weekday, opens: LocalTime(opens), closes: LocalTime(closes))
    }

    /// The same hours on several days, as helplines usually state them ("Monday to Friday, 09:00–17:00").
    public static func every(_ weekdays: [Weekday], opens: String, closes: String) throws -> [WeeklyInterval] {
        try weekdays.map { try WeeklyInterval(weekday: $0, opens: opens, closes: closes) }
    }

    public var hours: DailyInterval { try! DailyInterval(opens: opens, closes: closes) }

    private enum CodingKeys: String, CodingKey { case weekday, opens, closes }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(weekday: container.decode(Weekday.self, forKey: .weekday),
                      opens: container.decode(LocalTime.self, forKey: .opens),
                      closes: container.decode(LocalTime.self, forKey: .closes))
    }
}

/// A dated change to the weekly hours: a public holiday, a temporary closure, or special hours.
///
/// An exception replaces the weekly hours that *start* on its day. Closing a day closes all of it,
/// 00:00 to 24:00 local time, so it also cuts short at midnight an overnight interval from the day
/// before. Special hours do not: the previous night's interval still runs into the morning, because
/// the counsellors on that shift are already at work.
public struct ScheduleException: Hashable, Sendable, Codable {
    public enum Kind: Hashable, Sendable, Codable {
        case closed
        /// These hours instead of the weekly ones; none at all leaves the day closed except for
        /// the end of the previous night's interval.
        case open(hours: [DailyInterval])
    }

    public let date: LocalDate
    public let kind: Kind
    public let reason: String

    public init(date: LocalDate, kind: Kind, reason: String) throws {
        guard reason.contains(where: { !$0.isWhitespace }) else { throw ScheduleError.missingReason(date) }
        self.date = date
        self.kind = kind
        self.reason = reason
    }

    public static func closed(on date: LocalDate, reason: String) throws -> ScheduleException {
        try ScheduleException(date: date, kind: .closed, reason: reason)
    }

    public static func open(on date: LocalDate, hours: [DailyInterval], reason: String) throws -> ScheduleException {
        try ScheduleException(date: date, kind: .open(hours: hours), reason: reason)
    }

    private enum CodingKeys: String, CodingKey { case date, kind, reason }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(date: container.decode(LocalDate.self, forKey: .date),
                      kind: container.decode(Kind.self, forKey: .kind),
                      reason: container.decode(String.self, forKey: .reason))
    }
}
