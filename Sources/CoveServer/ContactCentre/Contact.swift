import Fluent
import Vapor

/// A contact as the counsellor records it: the classification in the clear (codes only, what
/// statistics count) and the narrative — summary and free-text referrals — sealed.
final class Contact: Model, @unchecked Sendable {
    static let schema = "contacts"

    enum Status: String, Codable, Sendable { case draft, final }

    @ID(key: .id) var id: UUID?
    @Parent(key: "helpline_id") var helpline: Helpline
    /// Nil for a phone call or walk-in recorded by hand.
    @OptionalParent(key: "conversation_id") var conversation: Conversation?
    @OptionalParent(key: "counsellor_id") var counsellor: Person?
    @Field(key: "channel") var channel: String
    @Enum(key: "status") var status: Status
    @Field(key: "taxonomy_version") var taxonomyVersion: String
    /// JSON of the form's coded fields.
    @Field(key: "classification") var classification: String
    @OptionalField(key: "narrative") var sealedNarrative: Data?
    @Field(key: "started_at") var startedAt: Date
    @OptionalField(key: "finalised_at") var finalisedAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID = UUID(), helplineID: UUID, conversationID: UUID?, counsellorID: UUID?, channel: String,
         taxonomyVersion: String, startedAt: Date) {
        self.id = id
        self.$helpline.id = helplineID
        self.$conversation.id = conversationID
        self.$counsellor.id = counsellorID
        self.channel = channel
        self.status = .draft
        self.taxonomyVersion = taxonomyVersion
        self.classification = "{}"
        self.startedAt = startedAt
    }

    static func sealingContext(_ id: UUID) -> String { "contact-narrative:\(id.uuidString)" }
}
