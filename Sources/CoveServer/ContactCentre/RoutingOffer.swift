import Fluent
import Vapor

/// A waiting conversation offered to one counsellor until `expiresAt`.
final class RoutingOffer: Model, @unchecked Sendable {
    static let schema = "routing_offers"

    @ID(key: .id) var id: UUID?
    @Parent(key: "conversation_id") var conversation: Conversation
    @Parent(key: "counsellor_id") var counsellor: Person
    @Field(key: "offered_at") var offeredAt: Date
    @Field(key: "expires_at") var expiresAt: Date

    init() {}

    init(conversationID: UUID, counsellorID: UUID, offeredAt: Date, expiresAt: Date) {
        self.$conversation.id = conversationID
        self.$counsellor.id = counsellorID
        self.offeredAt = offeredAt
        self.expiresAt = expiresAt
    }
}
