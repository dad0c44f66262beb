import Fluent
import Vapor

/// One message of a conversation. `body` is the text sealed with the data key, bound to this row.
final class ChatMessage: Model, @unchecked Sendable {
    static let schema = "chat_messages"

    enum Sender: String, Codable, Sendable { case child, counsellor, system }
    /// Outbound SMS and WhatsApp replies leave through a sender that can fail; web chat is `delivered` at once.
    enum Delivery: String, Codable, Sendable { case delivered, pending, sent, failed }

    @ID(key: .id) var id: UUID?
    @Parent(key: "conversation_id") var conversation: Conversation
    @Field(key: "sequence") var sequence: Int
    @Enum(key: "sender") var sender: Sender
    @OptionalField(key: "author_id") var authorID: UUID?
    /// The sender's own id for the message, so a resend after a dropped connection is stored once.
    @Field(key: "client_id") var clientID: String
    @Field(key: "body") var body: Data
    @Field(key: "sent_at") var sentAt: Date
    @Enum(key: "delivery") var delivery: Delivery
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "next_attempt_at") var nextAttemptAt: Date?

    init() {}

    init(id: UUID, conversationID: UUID, sequence: Int, sender: Sender, authorID: UUID?, clientID: String,
         body: Data, sentAt: Date, delivery: Delivery) {
        self.id = id
        self.$conversation.id = conversationID
        self.sequence = sequence
        self.sender = sender
        self.authorID = authorID
        self.clientID = clientID
        self.body = body
        self.sentAt = sentAt
        self.delivery = delivery
        self.attempts = 0
    }

    static func sealingContext(_ id: UUID) -> String { "chat-message:\(id.uuidString)" }
}
