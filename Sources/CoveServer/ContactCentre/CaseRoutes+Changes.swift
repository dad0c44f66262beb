import CoveCore
import Fluent
import SQLKit
import Vapor

/// Someone saved the case after the page was opened; saving would silently undo their change.
struct CaseConflict: Error {}

/// Why a contact cannot join a case, as the catalogue key shown beside the field.
struct LinkRefusal: Error {
    let key: String
}

extension CaseRoutes {
    /// Saves the change only if the case is still at the version read: of two people saving at
    /// once (PostgreSQL reads committed data, so both may have read it) one wins, the other gets
    /// `CaseConflict` instead of undoing the first.
    static func apply(status: HelplineCase.Status, followUpOn: String?, assignee: UUID?, to found: HelplineCase,
                      on req: Request) async throws {
        let now = req.now
        try await req.db.transaction { db in
            guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
            let bumped = try await sql.update(HelplineCase.schema)
                .set("version", to: SQLLiteral.numeric("\(found.version + 1)"))
                .where("id", .equal, SQLBind(try found.requireID()))
                .where("version", .equal, SQLBind(found.version))
                .returning("id")
                .all()
            guard !bumped.isEmpty else { throw CaseConflict() }
            found.version += 1
            found.status = status
            found.followUpOn = followUpOn
            if let assignee { found.$assignee.id = assignee }
            found.updatedAt = now
            try await found.save(on: db)
        }
    }

    /// A note or a new contact is activity on the case, for the list's order; it changes nothing
    /// another person could be editing, so the version stays.
    static func touch(_ found: HelplineCase, on req: Request) async throws {
        found.updatedAt = req.now
        try await found.save(on: req.db)
    }

    /// The case's first day on its helpline's calendar, before which no follow-up can fall.
    static func openedOn(_ found: HelplineCase, on db: any Database) async throws -> String {
        let zone = try await Helpline.find(found.$helpline.id, on: db)?.timeZone ?? "UTC"
        return found.createdAt.dayText(inTimeZone: zone)
    }

    /// Nil when `id` names a counsellor or supervisor of the person's own organisation.
    static func assigneeProblem(_ id: UUID?, for person: Person, on db: any Database) async throws -> String? {
        guard let id, let candidate = try await Person.find(id, on: db),
              candidate.$organisation.id == person.$organisation.id,
              !Set(candidate.roleList).isDisjoint(with: [.counsellor, .supervisor]) else { return "case.error_assignee" }
        return nil
    }

    /// A contact the person may open, of the case's own helpline, not yet in the case.
    static func linkable(_ input: CaseLinkInput, to found: HelplineCase,
                         on req: Request) async throws -> Result<Contact, LinkRefusal> {
        guard let id = input.contactID else { return .failure(LinkRefusal(key: "case.error_contact_unknown")) }
        let contact: Contact
        do {
            contact = try await CaseAccess(request: req).readableContact(id)
        } catch let abort as Abort where abort.status == .notFound {
            return .failure(LinkRefusal(key: "case.error_contact_unknown"))
        }
        guard contact.$helpline.id == found.$helpline.id else {
            return .failure(LinkRefusal(key: "case.error_contact_other_helpline"))
        }
        let linked = try await CaseContact.query(on: req.db).filter(\.$helplineCase.$id == found.requireID())
            .filter(\.$contact.$id == id).count()
        return linked == 0 ? .success(contact) : .failure(LinkRefusal(key: "case.error_contact_linked"))
    }
}

extension HelplineCase {
    /// The names of the fields a change would alter, for the audit log: codes, never values.
    func changes(status: Status, followUpOn: String?, assignee: UUID?) -> [String] {
        var changed: [String] = []
        if status != self.status { changed.append("status") }
        if followUpOn != self.followUpOn { changed.append("follow_up") }
        if let assignee, assignee != $assignee.id { changed.append("assignee") }
        return changed
    }
}
