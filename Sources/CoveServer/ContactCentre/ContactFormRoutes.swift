import CoveCore
import Fluent
import Vapor

/// The contact form: counsellors classify each contact, save drafts, and finalise it. A phone
/// call or walk-in is recorded with the same form. Every read is audited.
struct ContactFormRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let contacts = routes.grouped(":lang", "console", "contacts")
        contacts.post(use: recordOffline).access(.roles(ConsoleRoutes.answerers))
        contacts.get(":contact", use: show).access(.roles(ConsoleRoutes.answerers))
        contacts.post(":contact", use: save).access(.roles(ConsoleRoutes.answerers))
    }

    @Sendable func show(req: Request) async throws -> Response {
        let contact = try await ContactAccess(request: req).readable()
        try await req.audit.record("contact.read", "contact", id: contact.id)
        let form = try ContactCodec(sealer: req.application.dataProtection.sealer).form(of: contact)
        return try await render(contact, form: form, problems: [], saved: req.query[String.self, at: "saved"], on: req)
    }

    @Sendable func save(req: Request) async throws -> Response {
        let contact = try await ContactAccess(request: req).readable()
        guard contact.status == .draft else { throw Abort(.conflict, reason: "this contact is final; corrections come as a new version") }
        let input = try req.content.decode(ContactFormInput.self)
        let taxonomy = try Taxonomy.bundled
        var (form, problems) = input.form(taxonomyVersion: taxonomy.version)
        let finalising = input.intent == "finalise"
        problems += finalising ? form.problemsForFinalising(taxonomy: taxonomy) : form.problemsForDraft()
        problems += try await unknownReferrals(in: form, on: req.db)
        guard problems.isEmpty else {
            return try await render(contact, form: form, problems: problems, saved: nil, on: req, status: .unprocessableEntity)
        }
        if finalising { form = form.normalised(with: taxonomy) }
        try ContactCodec(sealer: req.application.dataProtection.sealer).store(form, in: contact)
        if finalising {
            contact.status = .final
            contact.finalisedAt = req.now
        }
        let helpline = try await Helpline.find(contact.$helpline.id, on: req.db)
        let keys = try finalising ? helpline.map { try ContactRollups.keys(for: form, contact: contact, helpline: $0) } ?? [] : []
        try await req.db.transaction { db in
            try await contact.save(on: db)
            try await ContactRollups.add(keys, on: db)
        }
        try await req.audit.record(finalising ? "contact.finalised" : "contact.draft_saved", "contact", id: contact.id)
        return req.redirect(to: "/\(req.language.rawValue)/console/contacts/\(try contact.requireID())?saved=\(finalising ? "final" : "draft")")
    }

    /// A phone call or walk-in: a new draft contact for the counsellor's helpline.
    @Sendable func recordOffline(req: Request) async throws -> Response {
        guard let person = req.signInState.person else { throw Abort(.forbidden) }
        let channel = (try? req.content.get(String.self, at: "channel")) == ContactChannel.voice.rawValue ? "voice" : "other"
        guard let helpline = try await Helpline.query(on: req.db).filter(\.$organisation.$id == person.$organisation.id)
            .sort(\.$slug).first() else { throw Abort(.conflict, reason: "your organisation runs no helpline in the directory") }
        let contact = Contact(helplineID: try helpline.requireID(), conversationID: nil, counsellorID: person.id,
                              channel: channel, taxonomyVersion: try Taxonomy.bundled.version, startedAt: req.now)
        try await contact.create(on: req.db)
        try await req.audit.record("contact.created", "contact", id: contact.id, detail: "channel=\(channel)")
        return req.redirect(to: "/\(req.language.rawValue)/console/contacts/\(try contact.requireID())")
    }

    private func unknownReferrals(in form: ContactForm, on db: any Database) async throws -> [FormProblem] {
        var problems: [FormProblem] = []
        for (index, referral) in form.referrals.enumerated() {
            guard case let .directory(slug) = referral.kind else { continue }
            if try await Helpline.query(on: db).filter(\.$slug == slug).count() == 0 {
                problems.append(FormProblem(field: "referrals[\(index)].slug", code: .unknown, message: "no helpline has this id"))
            }
        }
        return problems
    }

    private func render(_ contact: Contact, form: ContactForm, problems: [FormProblem], saved: String?, on req: Request,
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let view = ContactFormView(
            contact: try contact.requireID(), isFinal: contact.status == .final, channel: contact.channel, form: form,
            taxonomy: try Taxonomy.bundled, language: req.language, problems: problems,
            describe: { req.t("contact.problem.\($0.code.rawValue)") }, saved: saved)
        let response = try await req.renderForm("contact-form", titleKey: "contact.title", body: view).encodeResponse(for: req)
        response.status = status
        return response.unstored()
    }
}

/// Who may open a contact: the counsellor who holds it, or a supervisor of the organisation
/// that runs its helpline.
struct ContactAccess {
    let request: Request

    func readable() async throws -> Contact {
        guard let person = request.signInState.person, let id = request.parameters.get("contact", as: UUID.self),
              let contact = try await Contact.find(id, on: request.db) else { throw Abort(.notFound) }
        let helpline = try await Helpline.find(contact.$helpline.id, on: request.db)
        let sameOrganisation = helpline?.$organisation.id == person.$organisation.id
        let holds = contact.$counsellor.id == person.id
        guard sameOrganisation, holds || person.roleList.contains(.supervisor) else { throw Abort(.notFound) }
        return contact
    }
}
