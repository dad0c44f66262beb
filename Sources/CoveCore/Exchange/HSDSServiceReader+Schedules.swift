import Foundation

extension HSDSServiceReader {
    /// The helpline's hours and each contact point's own, in the order of `points`.
    struct ReadHours {
        var helpline: OpeningSchedule?
        var points: [OpeningSchedule?]
    }

    /// What the file says about one owner's hours, gathered before it becomes a schedule.
    struct OwnerHours {
        var weekly: [WeeklyInterval] = []
        var weeklyEntries = 0
        var days: [LocalDate: Day] = [:]
        var firstExceptionPath: String?
    }

    /// One date's exception as read so far; several entries may give it hours.
    struct Day {
        var closed: Bool
        var hours: [DailyInterval]
        var reason: String?
        let path: String
    }

    /// Every schedule entry, given to the helpline or to the contact points it names; built into
    /// schedules in `zone`, the record's, once it is known to be valid.
    mutating func schedules(zone: String?, points: [ReadPoint]) -> ReadHours {
        // Owner 0 is the helpline, owner i + 1 the contact point points[i].
        var owners = Array(repeating: OwnerHours(), count: points.count + 1)
        for (schedule, at) in objects(service, "schedules", at: path) {
            let facts = self.facts(of: schedule, at: at, holder: .schedule)
            let keys = ownerKeys(facts, points: points)
            if let exception = facts.first(where: { $0.term == .exception }) {
                guard let (date, day) = exceptionDay(schedule, at: at, kind: exception) else { continue }
                for key in keys { add(day, on: date, to: &owners[key]) }
            } else {
                let intervals = weekly(schedule, at: at)
                for key in keys {
                    owners[key].weekly += intervals
                    owners[key].weeklyEntries += 1
                }
            }
        }
        guard let zone else { return ReadHours(helpline: nil, points: points.map { _ in nil }) }
        let built = owners.map { build($0, zone: zone) }
        return ReadHours(helpline: built[0], points: Array(built.dropFirst()))
    }

    /// An entry without `contact-point` attributes states the helpline's hours.
    private mutating func ownerKeys(_ facts: [Fact], points: [ReadPoint]) -> [Int] {
        let references = facts.filter { $0.term == .contactPoint }
        guard !references.isEmpty else { return [0] }
        let keys = references.flatMap { reference -> [Int] in
            let keys = points.indices.filter { points[$0].id == reference.value }.map { $0 + 1 }
            if keys.isEmpty, !unreadableContactIDs.contains(reference.value) {
                problem(reference.path, "\"\(reference.value)\" is not the id of a phone or contact attribute of this service")
            }
            return keys
        }
        // Naming a contact point twice must not give it the hours twice.
        return keys.reduce(into: []) { unique, key in if !unique.contains(key) { unique.append(key) } }
    }

    // MARK: - Weekly hours

    private mutating func weekly(_ schedule: [String: HSDSValue], at schedulePath: String) -> [WeeklyInterval] {
        let freq = string(schedule, "freq", at: schedulePath)
        if freq?.uppercased() != "WEEKLY" {
            problem("\(schedulePath).freq", freq.map { "\"\($0)\" is not WEEKLY: Cove keeps hours that repeat every week" }
                ?? "required: WEEKLY, or an exception attribute for a dated change")
        }
        if let interval = text(schedule, "interval", at: schedulePath), interval != "1" {
            problem("\(schedulePath).interval", "\"\(interval)\" is not 1: Cove keeps hours that repeat every week")
        }
        let days = weekdays(schedule, at: schedulePath)
        let opens = time(schedule, "opens_at", at: schedulePath), closes = time(schedule, "closes_at", at: schedulePath)
        guard freq?.uppercased() == "WEEKLY", let opens, let closes else { return [] }
        do {
            return try days.map { try WeeklyInterval(weekday: $0, opens: opens, closes: closes) }
        } catch {
            problem("\(schedulePath).opens_at", "\(error)")
            return []
        }
    }

    private mutating func weekdays(_ schedule: [String: HSDSValue], at schedulePath: String) -> [Weekday] {
        guard let text = requiredString(schedule, "byday", at: schedulePath) else { return [] }
        var days: [Weekday] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let code = part.trimmingCharacters(in: .whitespaces)
            guard let day = DirectoryHSDS.dayCodes.first(where: { $0.code == code.uppercased() })?.day else {
                problem("\(schedulePath).byday",
                        "\"\(code)\" is not a day: use MO, TU, WE, TH, FR, SA or SU, separated by commas")
                continue
            }
            days.append(day)
        }
        return days
    }

    /// "HH:MM", or "HH:MM:00" as HSDS's examples write it, on the helpline's wall clock.
    private mutating func time(_ schedule: [String: HSDSValue], _ key: String, at schedulePath: String) -> LocalTime? {
        guard let text = requiredString(schedule, key, at: schedulePath) else { return nil }
        let clock = text.count == 8 && text.hasSuffix(":00") ? String(text.prefix(5)) : text
        if let time = try? LocalTime(clock) { return time }
        let hasOffset = text.count > 5 && text.dropFirst(5).contains { "Z+-".contains($0) }
        problem("\(schedulePath).\(key)", hasOffset
            ? "\"\(text)\" has a UTC offset: give the local time, HH:MM, in the zone of the time-zone attribute"
            : ScheduleError.invalidTime(text).description)
        return nil
    }

    // MARK: - Exceptions

    private mutating func exceptionDay(_ schedule: [String: HSDSValue], at schedulePath: String, kind: Fact)
        -> (LocalDate, Day)? {
        guard let from = requiredString(schedule, "valid_from", at: schedulePath) else { return nil }
        guard let date = try? LocalDate(from) else {
            problem("\(schedulePath).valid_from", ScheduleError.invalidDate(from).description)
            return nil
        }
        if let to = string(schedule, "valid_to", at: schedulePath), to != from {
            problem("\(schedulePath).valid_to", "an exception is for one day: valid_to must equal valid_from, \(from)")
        }
        let reason = string(schedule, "notes", at: schedulePath)
        let hasHours = [schedule["opens_at"], schedule["closes_at"]].contains { $0 != nil && $0 != .null }
        switch kind.value {
        case "closed":
            if hasHours { problem("\(schedulePath).opens_at", "a closed day has no hours; leave opens_at and closes_at out") }
            return (date, Day(closed: true, hours: [], reason: reason, path: schedulePath))
        case "open":
            guard hasHours else { return (date, Day(closed: false, hours: [], reason: reason, path: schedulePath)) }
            let opens = time(schedule, "opens_at", at: schedulePath), closes = time(schedule, "closes_at", at: schedulePath)
            guard let opens, let closes else { return nil }
            guard let hours = try? DailyInterval(opens: opens, closes: closes) else {
                problem("\(schedulePath).opens_at", ScheduleError.opensAtEndOfDay.description)
                return nil
            }
            return (date, Day(closed: false, hours: [hours], reason: reason, path: schedulePath))
        default:
            problem(kind.path, "\"\(kind.value)\" is not closed or open")
            return nil
        }
    }

    private mutating func add(_ day: Day, on date: LocalDate, to owner: inout OwnerHours) {
        owner.firstExceptionPath = owner.firstExceptionPath ?? day.path
        guard var known = owner.days[date] else {
            owner.days[date] = day
            return
        }
        guard known.closed == day.closed else {
            problem("\(day.path).valid_from", "\(date) is given as both closed and open")
            return
        }
        known.hours += day.hours
        known.reason = known.reason ?? day.reason
        owner.days[date] = known
    }

    private mutating func build(_ owner: OwnerHours, zone: String) -> OpeningSchedule? {
        guard owner.weeklyEntries > 0 || !owner.days.isEmpty else { return nil }
        if owner.weeklyEntries == 0, let exceptionPath = owner.firstExceptionPath {
            problem(exceptionPath, "exceptions change the weekly hours, so give weekly schedules for the same hours too")
            return nil
        }
        var exceptions: [ScheduleException] = []
        for (date, day) in owner.days.sorted(by: { $0.key < $1.key }) {
            do {
                exceptions.append(day.closed ? try .closed(on: date, reason: day.reason ?? "")
                                             : try .open(on: date, hours: day.hours, reason: day.reason ?? ""))
            } catch {
                problem("\(day.path).notes", "\(error)")
            }
        }
        do {
            return try OpeningSchedule(timeZoneIdentifier: zone, weekly: owner.weekly, exceptions: exceptions)
        } catch {
            problem("\(path).schedules", "\(error)")
            return nil
        }
    }
}
