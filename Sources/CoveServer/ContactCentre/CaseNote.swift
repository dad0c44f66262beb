import Fluent
import Vapor

/// A note or referral written on a case. The kind is in the clear so a helpline can count
/// referrals; the text may retell what the child said, so it is sealed like a contact's narrative.
final class CaseNote: Model, @unchecked Sendable {
    static let schema = "case_notes"

    static let maximumBodyLength = 4_000

    enum Kind: String, Codable, Sendable, CaseIterable { case note, referral }

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var helplineCase: HelplineCase
    /// Nil once the author's account is removed; the note itself stays.
    @OptionalParent(key: "author_id") var author: Person?
    @Field(key: "body") var sealedBody: Data
    @Enum(key: "kind") var kind: Kind
    @Field(key: "written_at") var writtenAt: Date

    init() {}

    init(id: UUID = UUID(), caseID: UUID, authorID: UUID?, kind: Kind, sealedBody: Data, writtenAt: Date) {
        self.id = id
        self.$helplineCase.id = caseID
        self.$author.id = authorID
        self.kind = kind
        self.sealedBody = sealedBody
        self.writtenAt = writtenAt
    }

    /// Bound to the note's own row, so a body copied onto another note does not open.
    static func sealingContext(_ id: UUID) -> String { "case-note:\(id.uuidString)" }
}
