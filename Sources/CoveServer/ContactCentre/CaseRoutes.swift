import CoveCore
import Fluent
import SQLKit
import Vapor

/// Cases: a counsellor opens one from a contact, gathers the child's later contacts into it,
/// writes notes and referrals, and sets a follow-up day. Who sees and changes what is
/// `CaseAccess`'s decision; every page opens sealed notes, so every showing is audited.
struct CaseRoutes: RouteCollection {
    static let workers: [Role: AccessScope] = [.counsellor: .ownOrganisation, .supervisor: .ownOrganisation]

    func boot(routes: any RoutesBuilder) throws {
        let access = Access.roles(Self.workers)
        routes.post(":lang", "console", "contacts", ":contact", "case", use: open).access(access)
        let cases = routes.grouped(":lang", "cases")
        cases.get(use: list).access(access)
        cases.get(":case", use: show).access(access)
        cases.post(":case", use: update).access(access)
        cases.post(":case", "notes", use: addNote).access(access)
        cases.post(":case", "contacts", use: linkContact).access(access)
    }

    /// Opens a case around a contact, or goes to the case it is already in: a second click must
    /// not start a second file on the same child.
    @Sendable func open(req: Request) async throws -> Response {
        let contact = try await ContactAccess(request: req).readable()
        let contactID = try contact.requireID()
        if let link = try await CaseContact.query(on: req.db).filter(\.$contact.$id == contactID).sort(\.$linkedAt).first() {
            return req.redirect(to: req.localPath("cases/\(link.$helplineCase.id)"))
        }
        let (personID, now) = (try req.requirePerson().id, req.now)
        let opened = try await req.db.transaction { db in
            let opened = try await Self.newCase(helplineID: contact.$helpline.id, by: personID, at: now, on: db)
            try await CaseContact(caseID: try opened.requireID(), contactID: contactID, linkedBy: personID, at: now)
                .create(on: db)
            return opened
        }
        try await req.audit.record("case.opened", "case", id: opened.id, detail: "contact=\(contactID.uuidString)")
        return req.redirect(to: req.localPath("cases/\(try opened.requireID())?saved=opened"))
    }

    /// The reference is the id's first eight digits; should two ids share them, another id is drawn.
    private static func newCase(helplineID: UUID, by personID: UUID?, at now: Date,
                                on db: any Database) async throws -> HelplineCase {
        for _ in 0..<5 {
            let candidate = HelplineCase(helplineID: helplineID, openedBy: personID, at: now)
            guard try await HelplineCase.query(on: db).filter(\.$reference == candidate.reference).count() == 0 else { continue }
            try await candidate.create(on: db)
            return candidate
        }
        throw Abort(.internalServerError, reason: "no free case reference")
    }

    @Sendable func list(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let status = req.query[String.self, at: "status"].flatMap(HelplineCase.Status.init(rawValue:))
        let page = try await CaseListPage.load(for: person, status: status, on: req)
        try await req.audit.record("case.read", "case", detail: "view=list" + (status.map { " status=\($0.rawValue)" } ?? ""))
        return try await req.renderPage("cases", titleKey: "cases.title", body: page).encodeResponse(for: req).unstored()
    }

    @Sendable func show(req: Request) async throws -> Response {
        let found = try await CaseAccess(request: req).visible()
        return try await render(found, state: CaseFormState(saved: req.query[String.self, at: "saved"]), on: req)
    }

    /// Status, follow-up day and assignee, refused whole when the page was stale.
    @Sendable func update(req: Request) async throws -> Response {
        let found = try await CaseAccess(request: req).visible()
        let person = try req.requirePerson()
        guard CaseAccess.mayChange(found, person) else { throw Abort(.forbidden) }
        let input = try req.content.decode(CaseUpdateInput.self)
        guard let expected = input.versionValue else { throw Abort(.badRequest) }
        let reassigns = input.assignee.nonBlank != nil && input.assigneeID != found.$assignee.id
        guard !reassigns || CaseAccess.mayAssign(person) else { throw Abort(.forbidden) }
        guard expected == found.version else { return try await conflict(found, on: req) }
        let openedOn = try await Self.openedOn(found, on: req.db)
        var problems = input.problems(openedOn: openedOn)
        if reassigns { problems["assignee"] = try await Self.assigneeProblem(input.assigneeID, for: person, on: req.db) }
        guard problems.isEmpty, let status = input.statusValue else {
            return try await render(found, state: CaseFormState(update: input, errors: problems), on: req,
                                    status: .unprocessableEntity)
        }
        let (followUpOn, assignee) = (input.followUpDay, reassigns ? input.assigneeID : nil)
        let changed = found.changes(status: status, followUpOn: followUpOn, assignee: assignee)
        do {
            try await Self.apply(status: status, followUpOn: followUpOn, assignee: assignee, to: found, on: req)
        } catch is CaseConflict {
            return try await conflict(found, on: req)
        }
        let detail = "status=\(status.rawValue) changed=" + (changed.isEmpty ? "none" : changed.joined(separator: ","))
        try await req.audit.record("case.updated", "case", id: found.id, detail: detail)
        return req.redirect(to: req.localPath("cases/\(try found.requireID())?saved=case"))
    }

    @Sendable func addNote(req: Request) async throws -> Response {
        let found = try await CaseAccess(request: req).visible()
        let input = try req.content.decode(CaseNoteInput.self)
        guard input.problems.isEmpty, let kind = input.kindValue, let body = input.body.nonBlank else {
            return try await render(found, state: CaseFormState(note: input, errors: input.problems), on: req,
                                    status: .unprocessableEntity)
        }
        let caseID = try found.requireID()
        let note = CaseNote(caseID: caseID, authorID: try req.requirePerson().id, kind: kind, sealedBody: Data(),
                            writtenAt: req.now)
        let context = CaseNote.sealingContext(try note.requireID())
        note.sealedBody = try req.application.dataProtection.sealer.seal(body, context: context)
        try await note.create(on: req.db)
        try await Self.touch(found, on: req)
        try await req.audit.record("case.note_added", "case", id: caseID, detail: "kind=\(kind.rawValue)")
        return req.redirect(to: req.localPath("cases/\(caseID)?saved=note"))
    }

    @Sendable func linkContact(req: Request) async throws -> Response {
        let found = try await CaseAccess(request: req).visible()
        let input = try req.content.decode(CaseLinkInput.self)
        let contact: Contact
        switch try await Self.linkable(input, to: found, on: req) {
        case let .success(linkable): contact = linkable
        case let .failure(refusal):
            return try await render(found, state: CaseFormState(link: input, errors: ["contact": refusal.key]), on: req,
                                    status: .unprocessableEntity)
        }
        let (caseID, contactID) = (try found.requireID(), try contact.requireID())
        try await CaseContact(caseID: caseID, contactID: contactID, linkedBy: try req.requirePerson().id, at: req.now)
            .create(on: req.db)
        try await Self.touch(found, on: req)
        try await req.audit.record("case.contact_linked", "case", id: caseID, detail: "contact=\(contactID.uuidString)")
        return req.redirect(to: req.localPath("cases/\(caseID)?saved=contact"))
    }

    private func render(_ found: HelplineCase, state: CaseFormState, on req: Request,
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let page = try await CasePage.load(found, state: state, on: req)
        // The page opens the notes' seals, so each showing is a read, refused forms included.
        try await req.audit.record("case.read", "case", id: found.id)
        let view = try await req.renderPage("case", title: page.heading, body: FormBody(csrf: req.csrfToken, form: page))
        let response = try await view.encodeResponse(for: req)
        response.status = status
        return response.unstored()
    }

    /// Someone saved the case after this page was opened: the case as it now stands, with a
    /// notice, so the person decides again instead of undoing the other change unseen.
    private func conflict(_ stale: HelplineCase, on req: Request) async throws -> Response {
        guard let current = try await HelplineCase.find(stale.id, on: req.db) else { throw Abort(.notFound) }
        return try await render(current, state: CaseFormState(conflict: true), on: req, status: .conflict)
    }
}

