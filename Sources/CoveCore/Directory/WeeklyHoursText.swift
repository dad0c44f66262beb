/// Weekly hours written as text, in the part of OpenStreetMap's `opening_hours` syntax that helplines
/// need: `24/7`, or rules such as `Mo-Fr 09:00-17:00; Sa,Su 10:00-14:00,18:00-22:00`.
///
/// One difference from OpenStreetMap, on purpose: rules add up. In OSM a later rule for the same day
/// replaces an earlier one, which makes `Mo-Sa 14:00-20:00; Mo,We,Th 10:00-12:00` (how helplines
/// publish split hours) lose Monday afternoon. An end at or before the start runs overnight, as in
/// `WeeklyInterval`. Dated exceptions are not part of this text; they have their own fields.
public enum WeeklyHoursText {
    public static let alwaysOpen = "24/7"

    /// The intervals `text` describes; an empty text is refused, since "no hours" is not a week.
    public static func intervals(from text: String) throws(WeeklyHoursTextError) -> [WeeklyInterval] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == alwaysOpen {
            return Weekday.allCases.map { try! WeeklyInterval(weekday: $0, opens: .midnight, closes: .endOfDay) }
        }
        var intervals: [WeeklyInterval] = []
        for rule in trimmed.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where !rule.isEmpty {
            intervals += try Self.rule(rule)
        }
        // Nothing but separators would otherwise be a helpline that never opens.
        guard !intervals.isEmpty else { throw .empty }
        return intervals
    }

    /// The shortest text that reads back as the same week: `24/7` when it covers every minute,
    /// else days with the same hours grouped into ranges, in weekday order.
    public static func text(for intervals: [WeeklyInterval]) -> String {
        guard !intervals.isEmpty else { return "" }
        if (try? OpeningSchedule(timeZoneIdentifier: "UTC", weekly: intervals))?.isAlwaysOpen == true {
            return alwaysOpen
        }
        let spansByDay = Dictionary(grouping: intervals, by: \.weekday).mapValues { day in
            day.sorted { $0.opens < $1.opens }.map { "\($0.opens)-\($0.closes)" }.joined(separator: ",")
        }
        var rules: [(spans: String, days: [Weekday])] = []
        for day in Weekday.allCases {
            guard let spans = spansByDay[day] else { continue }
            if let index = rules.firstIndex(where: { $0.spans == spans }) {
                rules[index].days.append(day)
            } else {
                rules.append((spans, [day]))
            }
        }
        return rules.map { "\(daysText($0.days)) \($0.spans)" }.joined(separator: "; ")
    }

    // MARK: - Reading

    private static func rule(_ rule: String) throws(WeeklyHoursTextError) -> [WeeklyInterval] {
        let parts = rule.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2 else { throw .malformedRule(rule) }
        let days = try Self.days(String(parts[0]), in: rule)
        var intervals: [WeeklyInterval] = []
        for span in parts[1].split(separator: ",", omittingEmptySubsequences: false) {
            let ends = span.split(separator: "-", omittingEmptySubsequences: false)
            guard ends.count == 2, let opens = try? LocalTime(String(ends[0])), let closes = try? LocalTime(String(ends[1])),
                  opens != .endOfDay
            else { throw .malformedTimes(String(span)) }
            intervals += days.map { try! WeeklyInterval(weekday: $0, opens: opens, closes: closes) }
        }
        return intervals
    }

    private static func days(_ text: String, in rule: String) throws(WeeklyHoursTextError) -> [Weekday] {
        var days: [Weekday] = []
        for range in text.split(separator: ",", omittingEmptySubsequences: false) {
            let ends = range.split(separator: "-", omittingEmptySubsequences: false).map { abbreviations[String($0)] }
            switch ends.count {
            case 1:
                guard let day = ends[0] else { throw .unknownDay(String(range)) }
                days.append(day)
            case 2:
                guard let first = ends[0], let last = ends[1] else { throw .unknownDay(String(range)) }
                // Sa-Mo wraps over the weekend, as OSM allows.
                let count = (last.rawValue - first.rawValue + 7) % 7
                days += (0...count).map { Weekday(rawValue: (first.rawValue - 1 + $0) % 7 + 1)! }
            default:
                throw .unknownDay(String(range))
            }
        }
        return days
    }

    // MARK: - Writing

    private static func daysText(_ days: [Weekday]) -> String {
        var runs: [[Weekday]] = []
        for day in days {
            if let last = runs.last?.last, last.rawValue + 1 == day.rawValue {
                runs[runs.count - 1].append(day)
            } else {
                runs.append([day])
            }
        }
        return runs.map { run in
            let first = name(run.first!), last = name(run.last!)
            return run.count == 1 ? first : run.count == 2 ? "\(first),\(last)" : "\(first)-\(last)"
        }.joined(separator: ",")
    }

    private static func name(_ day: Weekday) -> String {
        abbreviations.first { $0.value == day }!.key
    }

    private static let abbreviations: [String: Weekday] = [
        "Mo": .monday, "Tu": .tuesday, "We": .wednesday, "Th": .thursday, "Fr": .friday, "Sa": .saturday, "Su": .sunday,
    ]
}

/// Why a text of weekly hours was refused; each case quotes the part to fix.
public enum WeeklyHoursTextError: Error, Hashable, Sendable, CustomStringConvertible {
    case empty
    case malformedRule(String)
    case unknownDay(String)
    case malformedTimes(String)

    public var description: String {
        switch self {
        case .empty:
            "no hours given: write 24/7 or rules such as \"Mo-Fr 09:00-17:00\""
        case .malformedRule(let rule):
            "\"\(rule)\" is not a rule: expected days and times, such as \"Mo-Fr 09:00-17:00\""
        case .unknownDay(let days):
            "\"\(days)\" is not a day or range of days: use Mo Tu We Th Fr Sa Su, such as \"Mo-Fr\" or \"Sa,Su\""
        case .malformedTimes(let span):
            "\"\(span)\" is not a span of time: expected HH:MM-HH:MM, such as \"09:00-17:00\" or \"22:00-06:00\""
        }
    }
}
