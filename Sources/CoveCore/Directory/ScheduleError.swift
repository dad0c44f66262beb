/// Why a schedule, or one of its parts, cannot be built; each case names what was written.
public enum ScheduleError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidTime(String)
    case invalidDate(String)
    case opensAtEndOfDay
    case unknownTimeZone(String)
    case missingReason(LocalDate)
    case duplicateException(LocalDate)

    public var description: String {
        switch self {
        case .invalidTime(let text):
            "\"\(text)\" is not a time of day: expected HH:MM from 00:00 to 23:59, or 24:00 as a closing time"
        case .invalidDate(let text):
            "\"\(text)\" is not a calendar date: expected YYYY-MM-DD"
        case .opensAtEndOfDay:
            "an interval cannot open at 24:00; open at 00:00 on the next day instead"
        case .unknownTimeZone(let identifier):
            "\"\(identifier)\" is not an IANA time zone, such as Europe/London"
        case .missingReason(let date):
            "the exception on \(date) needs a reason, such as the name of the public holiday"
        case .duplicateException(let date):
            "there is more than one exception on \(date)"
        }
    }
}
