import Foundation

extension DirectoryHSDS {
    /// One HSDS schedule before it gets its id: its fields and the Cove attributes it carries.
    struct ScheduleEntry {
        var fields: [String: HSDSValue]
        var facts: [(HSDSTerm, String)] = []
    }

    /// The RRULE day codes, in `Weekday` order (Monday first).
    static let dayCodes: [(code: String, day: Weekday)] = [
        ("MO", .monday), ("TU", .tuesday), ("WE", .wednesday), ("TH", .thursday), ("FR", .friday),
        ("SA", .saturday), ("SU", .sunday),
    ]

    /// The helpline's hours, then each distinct contact point schedule once, naming every contact
    /// point that keeps it: the plain CSV gives all addresses of a channel the same hours, and
    /// repeating them per address would only make the file longer.
    static func schedules(of record: DirectoryRecord, ids: HSDSIdentifiers) -> [HSDSValue] {
        var channelHours: [(owners: [String], schedule: OpeningSchedule)] = []
        for (index, point) in record.contactPoints.enumerated() {
            guard let schedule = point.schedule, let owner = ids.contactPoint(index).stringValue else { continue }
            if let known = channelHours.firstIndex(where: { $0.schedule == schedule }) {
                channelHours[known].owners.append(owner)
            } else {
                channelHours.append(([owner], schedule))
            }
        }
        let groups = (record.schedule.map { [([String](), $0)] } ?? []) + channelHours
        let entries = groups.flatMap { owners, schedule in
            (weeklyEntries(schedule) + exceptionEntries(schedule.exceptions)).map { entry in
                var owned = entry
                owned.facts += owners.map { (.contactPoint, $0) }
                return owned
            }
        }
        return entries.enumerated().map { number, entry in render(entry, ids: ids, path: "schedule/\(number)") }
    }

    private static func render(_ entry: ScheduleEntry, ids: HSDSIdentifiers, path: String) -> HSDSValue {
        var fields = entry.fields
        fields["id"] = ids.id(path)
        fields["attributes"] = .array(entry.facts.enumerated().map { number, fact in
            attribute(fact.0, fact.1, id: ids.id("\(path)/\(number)"))
        })
        return .object(fields)
    }

    /// Days with the same hours share one entry, as in HSDS's own examples ("MO,TU,WE,TH").
    static func weeklyEntries(_ schedule: OpeningSchedule) -> [ScheduleEntry] {
        var groups: [[WeeklyInterval]] = []
        for interval in schedule.weekly {
            if let known = groups.firstIndex(where: { $0[0].opens == interval.opens && $0[0].closes == interval.closes }) {
                groups[known].append(interval)
            } else {
                groups.append([interval])
            }
        }
        return groups.map { group in
            let days = group.map { interval in dayCodes.first { $0.day == interval.weekday }!.code }
            let text = WeeklyHoursText.text(for: group)
            return ScheduleEntry(fields: [
                "freq": "WEEKLY", "byday": .string(days.joined(separator: ",")),
                "opens_at": .string(group[0].opens.description), "closes_at": .string(group[0].closes.description),
                "description": .string("\(text), local time in \(schedule.timeZoneIdentifier)"),
            ])
        }
    }

    /// One entry per day's interval of special hours, or one entry without hours for a closure or a
    /// day left without any; all valid for that date alone.
    static func exceptionEntries(_ exceptions: [ScheduleException]) -> [ScheduleEntry] {
        exceptions.flatMap { exception -> [ScheduleEntry] in
            let date = HSDSValue.string(exception.date.description)
            let day: [String: HSDSValue] = ["valid_from": date, "valid_to": date, "notes": .string(exception.reason)]
            switch exception.kind {
            case .closed:
                return [ScheduleEntry(fields: day.merging(["description": .string("Closed on \(exception.date)")]) { $1 },
                                      facts: [(.exception, "closed")])]
            case .open(let hours) where hours.isEmpty:
                return [ScheduleEntry(fields: day.merging(["description": .string("No hours on \(exception.date)")]) { $1 },
                                      facts: [(.exception, "open")])]
            case .open(let hours):
                return hours.map { interval in
                    let times: [String: HSDSValue] = [
                        "opens_at": .string(interval.opens.description), "closes_at": .string(interval.closes.description),
                        "description": .string("Open \(interval.opens)-\(interval.closes) on \(exception.date)"),
                    ]
                    return ScheduleEntry(fields: day.merging(times) { $1 }, facts: [(.exception, "open")])
                }
            }
        }
    }
}
