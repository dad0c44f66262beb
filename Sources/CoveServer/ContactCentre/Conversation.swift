import Fluent
import Vapor

/// One text conversation between a child and a helpline, on any channel. Its messages are sealed;
/// what identifies the child is a keyed hash, or nothing at all for web chat.
final class Conversation: Model, @unchecked Sendable {
    static let schema = "conversations"

    enum State: String, Codable, Sendable { case waiting, active, ended }

    @ID(key: .id) var id: UUID?
    @Parent(key: "helpline_id") var helpline: Helpline
    /// A channel code of the taxonomy: `web-chat`, `sms`, `whatsapp`.
    @Field(key: "channel") var channel: String
    @Field(key: "language") var language: String
    @Enum(key: "state") var state: State
    @Field(key: "priority") var priority: Int
    /// Which priority rule matched (`suicide`), never the words that matched it.
    @OptionalField(key: "alert_code") var alertCode: String?
    @Field(key: "waiting_since") var waitingSince: Date
    @OptionalParent(key: "counsellor_id") var counsellor: Person?
    /// Counsellors who let an offer lapse or declined it, so routing tries someone else next.
    @Field(key: "passed_over") var passedOver: [UUID]
    @OptionalField(key: "nickname") var sealedNickname: Data?
    @OptionalField(key: "child_age") var childAge: Int?
    @OptionalField(key: "identifier_hash") var identifierHash: String?
    /// The raw number or handle, sealed: needed to reply while the conversation is open, then
    /// forgotten once it has ended and nothing waits to be sent, unless the helpline keeps numbers.
    @OptionalField(key: "identifier") var sealedIdentifier: Data?
    /// SHA-256 of the web chat's secret, which only the child's page holds.
    @OptionalField(key: "access_token_hash") var accessTokenHash: String?
    @Field(key: "last_sequence") var lastSequence: Int
    @Field(key: "started_at") var startedAt: Date
    @OptionalField(key: "ended_at") var endedAt: Date?
    /// When a counsellor first took it; nil while it waits, and for a child who left unanswered.
    @OptionalField(key: "answered_at") var answeredAt: Date?
    @OptionalField(key: "transcript_deleted_at") var transcriptDeletedAt: Date?
    @Field(key: "deletion_requested") var deletionRequested: Bool

    init() {}

    init(id: UUID = UUID(), helplineID: UUID, channel: String, language: String, at now: Date) {
        self.id = id
        self.$helpline.id = helplineID
        self.channel = channel
        self.language = language
        self.state = .waiting
        self.priority = 0
        self.waitingSince = now
        self.passedOver = []
        self.lastSequence = 0
        self.startedAt = now
        self.deletionRequested = false
    }
}
