import Fluent

struct M013_CreateRoutingOffers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RoutingOffer.schema)
            .id()
            .field("conversation_id", .uuid, .required, .references(Conversation.schema, .id, onDelete: .cascade))
            .field("counsellor_id", .uuid, .required, .references(Person.schema, .id, onDelete: .cascade))
            .field("offered_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            // One live offer per conversation, even when two instances route at once.
            .unique(on: "conversation_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RoutingOffer.schema).delete()
    }
}
