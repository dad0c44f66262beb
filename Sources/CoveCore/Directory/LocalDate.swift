import Foundation

/// A day of the week, numbered as ISO 8601 does (Monday 1 … Sunday 7) rather than as
/// `Calendar` does (Sunday 1 … Saturday 7), so stored schedules read the way helplines write them.
public enum Weekday: Int, CaseIterable, Comparable, Codable, Sendable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    /// From `Calendar`'s `.weekday` component, where Sunday is 1.
    public init?(calendarWeekday: Int) {
        guard (1...7).contains(calendarWeekday) else { return nil }
        self.init(rawValue: (calendarWeekday + 5) % 7 + 1)
    }

    /// The number `Calendar` uses for this day, where Sunday is 1.
    public var calendarWeekday: Int { rawValue % 7 + 1 }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A day on a helpline's own calendar ("2026-12-25"), independent of any time zone: a public holiday
/// is a local day, whatever instant it starts at.
public struct LocalDate: Comparable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) throws {
        let candidate = LocalDate(validYear: year, month: month, day: day)
        // Round-tripping through the calendar refuses 30 February and the like.
        guard (1...9999).contains(year), Self.date(from: Self.civil.date(from: candidate.components)) == candidate
        else { throw ScheduleError.invalidDate(candidate.description) }
        self = candidate
    }

    /// Reads exactly "YYYY-MM-DD".
    public init(_ text: String) throws {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, zip(parts, [4, 2, 2]).allSatisfy({ $0.count == $1 && $0.allSatisfy(\.isASCII) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              let date = try? LocalDate(year: year, month: month, day: day)
        else { throw ScheduleError.invalidDate(text) }
        self = date
    }

    init(validYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public var weekday: Weekday {
        Weekday(calendarWeekday: Self.civil.component(.weekday, from: civilDate))!
    }

    /// Calendar days later (or earlier, for a negative count); local days have no DST, so this is exact.
    public func adding(days: Int) -> LocalDate {
        Self.date(from: Self.civil.date(byAdding: .day, value: days, to: civilDate))!
    }

    public var description: String {
        let digits = [(year, 4), (month, 2), (day, 2)].map { value, width in
            String(repeating: "0", count: max(0, width - String(value).count)) + String(value)
        }
        return digits.joined(separator: "-")
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        try self.init(decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    var components: DateComponents { DateComponents(year: year, month: month, day: day) }

    /// Civil arithmetic runs in UTC, where every day is 24 hours long.
    private static let civil: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    private var civilDate: Date { Self.civil.date(from: components)! }

    private static func date(from instant: Date?) -> LocalDate? {
        guard let instant else { return nil }
        let parts = civil.dateComponents([.year, .month, .day], from: instant)
        guard let year = parts.year, let month = parts.month, let day = parts.day else { return nil }
        return LocalDate(validYear: year, month: month, day: day)
    }
}
