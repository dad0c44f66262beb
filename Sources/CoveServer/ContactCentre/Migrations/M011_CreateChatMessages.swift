import Fluent

struct M011_CreateChatMessages: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ChatMessage.schema)
            .id()
            .field("conversation_id", .uuid, .required, .references(Conversation.schema, .id, onDelete: .cascade))
            .field("sequence", .int, .required)
            .field("sender", .string, .required)
            .field("author_id", .uuid)
            .field("client_id", .string, .required)
            .field("body", .data, .required)
            .field("sent_at", .datetime, .required)
            .field("delivery", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime)
            // The order a transcript reads in, and the key that makes a resent message land once.
            .unique(on: "conversation_id", "sequence")
            .unique(on: "conversation_id", "sender", "client_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ChatMessage.schema).delete()
    }
}
