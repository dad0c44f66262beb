import CoveCore
import Fluent
import Vapor

/// What the person typed, shown back beside its problems when a form is refused.
struct CaseFormState: Sendable {
    var update: CaseUpdateInput?
    var note: CaseNoteInput?
    var link: CaseLinkInput?
    /// Field → catalogue key.
    var errors: [String: String] = [:]
    var saved: String?
    var conflict = false
}

/// The case page: its facts, its contacts and notes, and the three forms that change it.
struct CasePage: Encodable, Sendable {
    struct Option: Encodable, Sendable { var value: String; var label: String; var selected: Bool }
    struct Facts: Encodable, Sendable {
        var reference: String
        var helpline: String
        var status: String
        var statusLabel: String
        var assignee: String
        var creator: String
        var createdAt: String
        var followUpOn: String
        var overdue: Bool
    }
    struct ChangeForm: Encodable, Sendable {
        var allowed: Bool
        var canAssign: Bool
        var version: Int
        var statuses: [Option]
        var followUpOn: String
        var assignees: [Option]
    }
    struct LinkedContact: Encodable, Sendable {
        var id: UUID
        var startedAt: String
        var channel: String
        var contactType: String
    }
    struct Note: Encodable, Sendable {
        var kind: String
        var kindLabel: String
        var author: String
        var writtenAt: String
        var body: String
    }

    var id: UUID
    var heading: String
    var facts: Facts
    var change: ChangeForm
    var noteKinds: [Option]
    var noteBody: String
    var linkContact: String
    var contacts: [LinkedContact]
    var notes: [Note]
    var errors: [String: String]
    var saved: String?
    var conflict: Bool
}

extension CasePage {
    static func load(_ helplineCase: HelplineCase, state: CaseFormState, on req: Request) async throws -> CasePage {
        let id = try helplineCase.requireID()
        let helpline = try await Helpline.find(helplineCase.$helpline.id, on: req.db)
        let zone = helpline?.timeZone ?? "UTC"
        let openedOn = helplineCase.createdAt.dayText(inTimeZone: zone)
        let arguments = ["day": openedOn, "maximum": "\(CaseNote.maximumBodyLength)"]
        let kind = state.note?.kind ?? CaseNote.Kind.note.rawValue
        return CasePage(
            id: id, heading: req.t("case.title", ["reference": helplineCase.reference]),
            facts: try await facts(of: helplineCase, helpline: helpline, today: req.now.dayText(inTimeZone: zone), on: req),
            change: try await changeForm(for: helplineCase, typed: state.update, on: req),
            noteKinds: CaseNote.Kind.allCases.map { Option(value: $0.rawValue, label: req.t("case.kind_\($0.rawValue)"),
                                                           selected: $0.rawValue == kind) },
            noteBody: state.note?.body ?? "", linkContact: state.link?.contact ?? "",
            contacts: try await linkedContacts(of: id, on: req), notes: try await notes(of: id, on: req),
            errors: state.errors.mapValues { req.t($0, arguments) }, saved: state.saved, conflict: state.conflict)
    }

    private static func facts(of helplineCase: HelplineCase, helpline: Helpline?, today: String,
                              on req: Request) async throws -> Facts {
        let names = try await Self.names(of: [helplineCase.$assignee.id, helplineCase.$creator.id], on: req.db)
        return Facts(
            reference: helplineCase.reference, helpline: helpline.map { $0.names[req.language.rawValue] ?? $0.name } ?? "—",
            status: helplineCase.status.rawValue, statusLabel: req.t(helplineCase.status.labelKey),
            assignee: helplineCase.$assignee.id.flatMap { names[$0] } ?? req.t("case.unassigned"),
            creator: helplineCase.$creator.id.flatMap { names[$0] } ?? "—", createdAt: helplineCase.createdAt.pageText,
            followUpOn: helplineCase.followUpOn ?? "—", overdue: helplineCase.isOverdue(today: today))
    }

    /// The form as last typed when it was refused, else as the case stands.
    private static func changeForm(for helplineCase: HelplineCase, typed: CaseUpdateInput?,
                                   on req: Request) async throws -> ChangeForm {
        let person = try req.requirePerson()
        let status = typed?.status ?? helplineCase.status.rawValue
        let assignee = typed?.assignee.nonBlank ?? helplineCase.$assignee.id?.uuidString
        let people: [Person] = try await CaseAccess.mayAssign(person) ? CaseAccess.assignees(for: person, on: req.db) : []
        return ChangeForm(
            allowed: CaseAccess.mayChange(helplineCase, person), canAssign: CaseAccess.mayAssign(person),
            version: helplineCase.version,
            statuses: HelplineCase.Status.allCases.map {
                Option(value: $0.rawValue, label: req.t($0.labelKey), selected: $0.rawValue == status)
            },
            followUpOn: typed?.followUpOn ?? helplineCase.followUpOn ?? "",
            assignees: people.compactMap { candidate in
                candidate.id.map { Option(value: $0.uuidString, label: candidate.name, selected: $0.uuidString == assignee) }
            })
    }

    /// Oldest first, so the case reads as the story unfolded.
    private static func linkedContacts(of caseID: UUID, on req: Request) async throws -> [LinkedContact] {
        let links = try await CaseContact.query(on: req.db).filter(\.$helplineCase.$id == caseID).with(\.$contact).all()
        let taxonomy = try Taxonomy.bundled
        return try links.map(\.contact).sorted { $0.startedAt < $1.startedAt }.map { contact in
            let code = (try? JSONDecoder().decode(CodedType.self, from: Data(contact.classification.utf8)))?.contactType
            let type = code.map { taxonomy.contactType(code: $0)?.name(in: req.language) ?? $0 } ?? "—"
            return LinkedContact(id: try contact.requireID(), startedAt: contact.startedAt.pageText, channel: contact.channel,
                                 contactType: type)
        }
    }

    /// Only the contact type of the coded classification; the rest is the contact form's business.
    private struct CodedType: Decodable { var contactType: String? }

    /// Newest first: the latest word on a case is what the next person needs.
    private static func notes(of caseID: UUID, on req: Request) async throws -> [Note] {
        let notes = try await CaseNote.query(on: req.db).filter(\.$helplineCase.$id == caseID).with(\.$author)
            .sort(\.$writtenAt, .descending).all()
        let sealer = req.application.dataProtection.sealer
        return try notes.map { note in
            let body = try sealer.open(note.sealedBody, context: CaseNote.sealingContext(try note.requireID()))
            return Note(kind: note.kind.rawValue, kindLabel: req.t("case.kind_\(note.kind.rawValue)"),
                        author: note.author?.name ?? "—", writtenAt: note.writtenAt.pageText, body: body)
        }
    }

    static func names(of ids: [UUID?], on db: any Database) async throws -> [UUID: String] {
        let wanted = Array(Set(ids.compactMap { $0 }))
        guard !wanted.isEmpty else { return [:] }
        let people = try await Person.query(on: db).filter(\.$id ~~ wanted).all()
        let pairs = people.compactMap { person in person.id.map { ($0, person.name) } }
        return Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    }
}

extension HelplineCase {
    /// A follow-up day gone by on a case still being worked; a closed case owes no call-back.
    func isOverdue(today: String) -> Bool {
        guard let followUpOn, status != .closed else { return false }
        return followUpOn < today
    }
}
