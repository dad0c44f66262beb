import Fluent
import SQLKit

struct M015_CreateMessagingChannels: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MessagingChannel.schema)
            .id()
            .field("helpline_id", .uuid, .required, .references(Helpline.schema, .id, onDelete: .cascade))
            .field("provider", .string, .required)
            .field("channel", .string, .required)
            .field("address", .string, .required)
            .field("credentials", .data, .required)
            .field("api_base_url", .string, .required)
            .field("created_at", .datetime, .required)
            // Replies leave through the helpline's one channel of the conversation's kind.
            .unique(on: "helpline_id", "channel")
            .create()
        if let sql = database as? any SQLDatabase {
            // The outbound sender looks for due replies every second.
            try await sql.create(index: Self.pendingIndex).on(ChatMessage.schema)
                .column("delivery").column("next_attempt_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            try await sql.drop(index: Self.pendingIndex).ifExists().run()
        }
        try await database.schema(MessagingChannel.schema).delete()
    }

    static let pendingIndex = "chat_messages_delivery"
}
