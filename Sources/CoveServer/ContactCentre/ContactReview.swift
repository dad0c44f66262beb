import Fluent
import Vapor

/// A supervisor's quality review of a finished contact. The score and the follow-up flag are in
/// the clear so a helpline can count them; the notes may retell what the child said, so they
/// are sealed like the contact's own narrative.
final class ContactReview: Model, @unchecked Sendable {
    static let schema = "contact_reviews"

    static let scores = 1...5
    static let maximumNotesLength = 2_000

    @ID(key: .id) var id: UUID?
    @Parent(key: "contact_id") var contact: Contact
    /// Nil once the reviewer's account is removed; the review itself stays.
    @OptionalParent(key: "reviewer_id") var reviewer: Person?
    @Field(key: "score") var score: Int
    @OptionalField(key: "notes") var sealedNotes: Data?
    @Field(key: "follow_up") var followUp: Bool
    @Field(key: "reviewed_at") var reviewedAt: Date

    init() {}

    init(id: UUID = UUID(), contactID: UUID, reviewerID: UUID?, score: Int, followUp: Bool, reviewedAt: Date) {
        self.id = id
        self.$contact.id = contactID
        self.$reviewer.id = reviewerID
        self.score = score
        self.followUp = followUp
        self.reviewedAt = reviewedAt
    }

    /// Bound to the review's own row, so notes copied onto another review do not open.
    static func sealingContext(_ id: UUID) -> String { "contact-review:\(id.uuidString)" }
}
