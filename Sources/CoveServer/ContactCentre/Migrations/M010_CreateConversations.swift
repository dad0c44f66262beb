import Fluent
import SQLKit

struct M010_CreateConversations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Conversation.schema)
            .id()
            .field("helpline_id", .uuid, .required, .references(Helpline.schema, .id))
            .field("channel", .string, .required)
            .field("language", .string, .required)
            .field("state", .string, .required)
            .field("priority", .int, .required)
            .field("alert_code", .string)
            .field("waiting_since", .datetime, .required)
            .field("counsellor_id", .uuid, .references(Person.schema, .id, onDelete: .setNull))
            .field("passed_over", .array(of: .uuid), .required)
            .field("nickname", .data)
            .field("child_age", .int)
            .field("identifier_hash", .string)
            .field("identifier", .data)
            .field("access_token_hash", .string)
            .field("last_sequence", .int, .required)
            .field("started_at", .datetime, .required)
            .field("ended_at", .datetime)
            .field("transcript_deleted_at", .datetime)
            .field("deletion_requested", .bool, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "conversations_state").on(Conversation.schema).column("state").run()
            try await sql.create(index: "conversations_identifier").on(Conversation.schema).column("identifier_hash").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Conversation.schema).delete()
    }
}
