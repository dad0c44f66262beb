import CoveCore
import Fluent
import Vapor

/// Who may see and change a case. A supervisor sees every case of the organisation's
/// helplines; a counsellor sees the cases assigned to them or that they opened. Anything else is
/// "not found", so a case id reveals nothing to someone who may not see it.
struct CaseAccess {
    let request: Request

    /// The case named in the path, when the signed-in person may see it.
    func visible() async throws -> HelplineCase {
        let person = try request.requirePerson()
        guard let id = request.parameters.get("case", as: UUID.self),
              let found = try await HelplineCase.find(id, on: request.db),
              try await Self.helplineIDs(of: person, on: request.db).contains(found.$helpline.id),
              Self.sees(found, person) else { throw Abort(.notFound) }
        return found
    }

    /// A contact named in a form, under the contact form's own rule (its holder, or a supervisor of
    /// its organisation), so linking never shows a contact the person could not open directly.
    func readableContact(_ id: UUID) async throws -> Contact {
        // `ContactAccess` reads the id from the path; this route names the contact in its body.
        request.parameters.set("contact", to: id.uuidString)
        return try await ContactAccess(request: request).readable()
    }

    static func isSupervisor(_ person: Person) -> Bool { person.roleList.contains(.supervisor) }

    static func sees(_ helplineCase: HelplineCase, _ person: Person) -> Bool {
        guard let id = person.id else { return false }
        return isSupervisor(person) || helplineCase.$assignee.id == id || helplineCase.$creator.id == id
    }

    /// Status and follow-up belong to whoever carries the case, and to the supervisors above them.
    static func mayChange(_ helplineCase: HelplineCase, _ person: Person) -> Bool {
        guard let id = person.id else { return false }
        return isSupervisor(person) || helplineCase.$assignee.id == id
    }

    /// Handing work to someone else is a supervisor's decision.
    static func mayAssign(_ person: Person) -> Bool { isSupervisor(person) }

    static func helplineIDs(of person: Person, on db: any Database) async throws -> [UUID] {
        try await Helpline.query(on: db).filter(\.$organisation.$id == person.$organisation.id).all(\.$id)
    }

    /// The cases `person` may see, optionally of one status, the most recently changed first.
    static func visibleCases(to person: Person, status: HelplineCase.Status?,
                             on db: any Database) async throws -> [HelplineCase] {
        let helplines = try await helplineIDs(of: person, on: db)
        guard !helplines.isEmpty else { return [] }
        let query = HelplineCase.query(on: db).filter(\.$helpline.$id ~~ helplines)
        if !isSupervisor(person) {
            let id = try person.requireID()
            query.group(.or) { $0.filter(\.$assignee.$id == id).filter(\.$creator.$id == id) }
        }
        if let status { query.filter(\.$status == status) }
        return try await query.sort(\.$updatedAt, .descending).sort(\.$reference).all()
    }

    /// The people a case may be assigned to: counsellors and supervisors of the same organisation.
    static func assignees(for person: Person, on db: any Database) async throws -> [Person] {
        try await Person.query(on: db).filter(\.$organisation.$id == person.$organisation.id).sort(\.$name).all()
            .filter { !Set($0.roleList).isDisjoint(with: [.counsellor, .supervisor]) }
    }
}

extension Date {
    /// The day this instant falls on at the helpline, as "YYYY-MM-DD": follow-ups are agreed in
    /// the helpline's own days, and a counsellor late in the evening must not find "today" refused.
    func dayText(inTimeZone identifier: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: identifier) ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: self)
        let day = try? LocalDate(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0)
        return day?.description ?? String(pageText.prefix(10))
    }
}
