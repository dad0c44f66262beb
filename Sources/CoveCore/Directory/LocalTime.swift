/// A time of day on a helpline's wall clock, to the minute, with no time zone of its own.
///
/// 24:00 exists so that an interval can close at the very end of a day ("20:00–24:00") without
/// spilling into the next one; intervals refuse it as an opening time.
public struct LocalTime: Comparable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    public static let midnight = LocalTime(validHour: 0, minute: 0)
    public static let endOfDay = LocalTime(validHour: 24, minute: 0)

    public init(hour: Int, minute: Int = 0) throws {
        guard Self.isValid(hour: hour, minute: minute) else {
            throw ScheduleError.invalidTime("\(Self.twoDigits(hour)):\(Self.twoDigits(minute))")
        }
        self.init(validHour: hour, minute: minute)
    }

    /// Reads exactly "HH:MM", the form the admin pages and the JSON use, so "9:00" and "09:00 " are refused
    /// rather than guessed at.
    public init(_ text: String) throws {
        let characters = Array(text)
        guard characters.count == 5, characters[2] == ":",
              let hour = Self.number(characters[0...1]), let minute = Self.number(characters[3...4]),
              Self.isValid(hour: hour, minute: minute)
        else { throw ScheduleError.invalidTime(text) }
        self.init(validHour: hour, minute: minute)
    }

    private init(validHour hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }

    public var minutesSinceMidnight: Int { hour * 60 + minute }

    public var description: String { "\(Self.twoDigits(hour)):\(Self.twoDigits(minute))" }

    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool {
        lhs.minutesSinceMidnight < rhs.minutesSinceMidnight
    }

    public init(from decoder: any Decoder) throws {
        try self.init(decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    private static func isValid(hour: Int, minute: Int) -> Bool {
        (0...23).contains(hour) && (0...59).contains(minute) || (hour == 24 && minute == 0)
    }

    private static func number(_ digits: ArraySlice<Character>) -> Int? {
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(String(digits))
    }

    private static func twoDigits(_ value: Int) -> String {
        (0...9).contains(value) ? "0\(value)" : "\(value)"
    }
}
