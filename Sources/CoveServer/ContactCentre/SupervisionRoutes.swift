import CoveCore
import Fluent
import Vapor

/// The supervisor's side of the contact centre: the floor, a read-only view into any chat of
/// the organisation's helplines, and a quality review of each finished contact. Everything
/// another organisation runs is "not found", so its ids reveal nothing.
struct SupervisionRoutes: RouteCollection {
    static let supervisors = Access.only(.supervisor, scope: .ownOrganisation)

    func boot(routes: any RoutesBuilder) throws {
        let supervision = routes.grouped(":lang", "supervision")
        supervision.get(use: showFloor).access(Self.supervisors)
        supervision.get("conversations", ":conversation", use: monitor).access(Self.supervisors)
        supervision.get("contacts", ":contact", "review", use: showReview).access(Self.supervisors)
        supervision.post("contacts", ":contact", "review", use: saveReview).access(Self.supervisors)
    }

    /// The page works without script; `?format=json` gives its script the same data to redraw from.
    @Sendable func showFloor(req: Request) async throws -> Response {
        let floor = try await SupervisionFloor.load(for: try req.requirePerson(), on: req)
        if req.asksForJSONFormat { return try await floor.encodeResponse(for: req).unstored() }
        return try await req.renderPage("supervision", titleKey: "supervision.title", body: floor)
            .encodeResponse(for: req).unstored()
    }

    @Sendable func monitor(req: Request) async throws -> Response {
        let conversation = try await Self.monitored(on: req)
        try await Self.auditMonitoring(conversation, on: req)
        if req.asksForJSONFormat {
            let after = max(0, req.query[Int.self, at: "after"] ?? 0)
            return try await SupervisionTranscript.load(conversation, after: after, on: req).encodeResponse(for: req).unstored()
        }
        let transcript = try await SupervisionTranscript.load(conversation, after: 0, on: req)
        return try await req.renderPage("supervision-conversation", titleKey: "supervision.monitor_title", body: transcript)
            .encodeResponse(for: req).unstored()
    }

    /// Every read is audited, but the page's poll every three seconds would bury the log: a
    /// supervisor's reads of one conversation within a minute make one entry.
    static func auditMonitoring(_ conversation: Conversation, on req: Request) async throws {
        let action = "contact.conversation.monitored"
        let recent = try await AuditEvent.query(on: req.db).filter(\.$action == action)
            .filter(\.$recordID == (try conversation.requireID()).uuidString)
            .filter(\.$actorID == req.signInState.person?.id).filter(\.$occurredAt > req.now.addingTimeInterval(-60)).count()
        guard recent == 0 else { return }
        try await req.audit.record(action, "conversation", id: conversation.id)
    }

    /// A conversation of one of the supervisor's own helplines whose transcript still exists.
    static func monitored(on req: Request) async throws -> Conversation {
        let person = try req.requirePerson()
        guard let id = req.parameters.get("conversation", as: UUID.self),
              let conversation = try await Conversation.find(id, on: req.db),
              conversation.transcriptDeletedAt == nil,
              let helpline = try await Helpline.find(conversation.$helpline.id, on: req.db),
              helpline.$organisation.id == person.$organisation.id else { throw Abort(.notFound) }
        return conversation
    }

    @Sendable func showReview(req: Request) async throws -> Response {
        let contact = try await Self.reviewable(on: req)
        return try await renderReview(contact, saved: req.query[String.self, at: "saved"] == "1", on: req)
    }

    @Sendable func saveReview(req: Request) async throws -> Response {
        let contact = try await Self.reviewable(on: req)
        let input = try req.content.decode(ContactReviewInput.self)
        guard input.problems.isEmpty, let score = input.scoreValue else {
            return try await renderReview(contact, input: input, on: req, status: .unprocessableEntity)
        }
        let review = ContactReview(contactID: try contact.requireID(), reviewerID: try req.requirePerson().id, score: score,
                                   followUp: input.followsUp, reviewedAt: req.now)
        if let notes = input.notes.nonBlank {
            review.sealedNotes = try req.application.dataProtection.sealer.seal(
                notes, context: ContactReview.sealingContext(try review.requireID()))
        }
        try await review.create(on: req.db)
        try await req.audit.record("contact.reviewed", "contact", id: contact.id, detail: "score=\(score)")
        return req.redirect(to: req.localPath("supervision/contacts/\(try contact.requireID())/review?saved=1"))
    }

    /// Only a final contact is reviewed: a draft may still change under the reviewer's eyes.
    static func reviewable(on req: Request) async throws -> Contact {
        let contact = try await ContactAccess(request: req).readable()
        guard contact.status == .final else { throw Abort(.conflict, reason: "only a final contact can be reviewed") }
        return contact
    }

    private func renderReview(_ contact: Contact, input: ContactReviewInput = .init(), saved: Bool = false, on req: Request,
                              status: HTTPResponseStatus = .ok) async throws -> Response {
        let earlier = try await Self.earlierReviews(of: contact, on: req)
        // The notes of earlier reviews are opened for this page, so showing them is a read.
        if !earlier.isEmpty { try await req.audit.record("contact.review.read", "contact", id: contact.id) }
        let limits = ["lowest": "\(ContactReview.scores.lowerBound)", "highest": "\(ContactReview.scores.upperBound)",
                      "maximum": "\(ContactReview.maximumNotesLength)"]
        let page = ContactReviewPage(
            contact: try contact.requireID(), channel: contact.channel, finalisedAt: contact.finalisedAt?.pageText ?? "—",
            input: input, errors: input.problems.mapValues { req.t($0, limits) }, saved: saved, earlier: earlier)
        let response = try await req.renderForm("contact-review", titleKey: "review.title", body: page).encodeResponse(for: req)
        response.status = status
        return response.unstored()
    }

    private static func earlierReviews(of contact: Contact, on req: Request) async throws -> [ContactReviewPage.Earlier] {
        let reviews = try await ContactReview.query(on: req.db).filter(\.$contact.$id == contact.requireID())
            .with(\.$reviewer).sort(\.$reviewedAt, .descending).all()
        let sealer = req.application.dataProtection.sealer
        return try reviews.map { review in
            let context = ContactReview.sealingContext(try review.requireID())
            let notes = try review.sealedNotes.map { try sealer.open($0, context: context) }
            return ContactReviewPage.Earlier(reviewer: review.reviewer?.name ?? "—", reviewedAt: review.reviewedAt.pageText,
                                             score: review.score, followUp: review.followUp, notes: notes ?? "")
        }
    }
}

/// The review form as the browser posts it: all text, so a bad score is shown back beside its
/// field instead of failing the whole request.
struct ContactReviewInput: Content {
    var score: String?
    var notes: String?
    var followUp: String?

    enum CodingKeys: String, CodingKey {
        case score, notes, followUp = "follow_up"
    }

    var scoreValue: Int? {
        score.nonBlank.flatMap { Int($0) }.flatMap { ContactReview.scores.contains($0) ? $0 : nil }
    }

    /// An unticked checkbox is not posted at all.
    var followsUp: Bool { followUp != nil }

    /// Each refused field with the catalogue key that explains why.
    var problems: [String: String] {
        var problems: [String: String] = [:]
        if score.nonBlank == nil {
            problems["score"] = "review.error_score_required"
        } else if scoreValue == nil {
            problems["score"] = "review.error_score_range"
        }
        if (notes.nonBlank?.count ?? 0) > ContactReview.maximumNotesLength { problems["notes"] = "review.error_notes_too_long" }
        return problems
    }
}

/// What the review page shows: the form as last typed, its problems, and the reviews before.
struct ContactReviewPage: Encodable, Sendable {
    struct Score: Encodable, Sendable { var value: Int; var selected: Bool }
    struct Earlier: Encodable, Sendable {
        var reviewer: String
        var reviewedAt: String
        var score: Int
        var followUp: Bool
        var notes: String
    }

    var contact: UUID
    var channel: String
    var finalisedAt: String
    var scores: [Score]
    var notes: String
    var followUp: Bool
    var errors: [String: String]
    var saved: Bool
    var earlier: [Earlier]

    init(contact: UUID, channel: String, finalisedAt: String, input: ContactReviewInput, errors: [String: String],
         saved: Bool, earlier: [Earlier]) {
        self.contact = contact
        self.channel = channel
        self.finalisedAt = finalisedAt
        let chosen = input.score.nonBlank.flatMap { Int($0) }
        scores = ContactReview.scores.map { Score(value: $0, selected: $0 == chosen) }
        notes = input.notes ?? ""
        followUp = input.followsUp
        self.errors = errors
        self.saved = saved
        self.earlier = earlier
    }
}

extension Request {
    /// `?format=json`: the page script asking for the page's data rather than the page.
    fileprivate var asksForJSONFormat: Bool { query[String.self, at: "format"] == "json" }
}

