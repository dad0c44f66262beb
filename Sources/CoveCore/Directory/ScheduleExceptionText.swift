/// Dated exceptions written as text, for the CSV and the edit form: entries separated by ` | `,
/// each a date, `closed` or the day's hours, and the reason — `2026-12-25 closed Christmas Day |
/// 2026-12-24 10:00-14:00 Christmas Eve`.
public enum ScheduleExceptionText {
    public static func exceptions(from text: String) throws(ScheduleExceptionTextError) -> [ScheduleException] {
        var exceptions: [ScheduleException] = []
        for entry in text.components(separatedBy: "|").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            exceptions.append(try exception(entry))
        }
        return exceptions
    }

    public static func text(for exceptions: [ScheduleException]) -> String {
        exceptions.map { exception in
            switch exception.kind {
            case .closed:
                "\(exception.date) closed \(exception.reason)"
            case .open(let hours):
                "\(exception.date) \(hours.map { "\($0.opens)-\($0.closes)" }.joined(separator: ",")) \(exception.reason)"
            }
        }.joined(separator: " | ")
    }

    private static func exception(_ entry: String) throws(ScheduleExceptionTextError) -> ScheduleException {
        let parts = entry.split(separator: " ", maxSplits: 2).map(String.init)
        guard parts.count == 3 else { throw .malformed(entry) }
        guard let date = try? LocalDate(parts[0]) else { throw .badDate(parts[0]) }
        let reason = parts[2].trimmingCharacters(in: .whitespaces)
        if parts[1] == "closed" {
            guard let closure = try? ScheduleException.closed(on: date, reason: reason) else { throw .malformed(entry) }
            return closure
        }
        var hours: [DailyInterval] = []
        for span in parts[1].split(separator: ",", omittingEmptySubsequences: false) {
            let ends = span.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard ends.count == 2, let opens = try? LocalTime(ends[0]), let closes = try? LocalTime(ends[1]),
                  let interval = try? DailyInterval(opens: opens, closes: closes)
            else { throw .badHours(String(span)) }
            hours.append(interval)
        }
        guard let special = try? ScheduleException.open(on: date, hours: hours, reason: reason) else { throw .malformed(entry) }
        return special
    }
}

public enum ScheduleExceptionTextError: Error, Hashable, Sendable, CustomStringConvertible {
    case malformed(String)
    case badDate(String)
    case badHours(String)

    public var description: String {
        switch self {
        case .malformed(let entry):
            "\"\(entry)\" is not an exception: expected a date, closed or hours, and a reason, such as \"2026-12-25 closed Christmas Day\""
        case .badDate(let text):
            "\"\(text)\" is not a calendar date: expected YYYY-MM-DD"
        case .badHours(let text):
            "\"\(text)\" is not a span of time: expected HH:MM-HH:MM, such as \"10:00-14:00\""
        }
    }
}
