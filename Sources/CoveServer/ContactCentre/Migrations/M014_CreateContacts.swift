import Fluent
import SQLKit

struct M014_CreateContacts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Contact.schema)
            .id()
            .field("helpline_id", .uuid, .required, .references(Helpline.schema, .id))
            .field("conversation_id", .uuid, .references(Conversation.schema, .id, onDelete: .setNull))
            .field("counsellor_id", .uuid, .references(Person.schema, .id, onDelete: .setNull))
            .field("channel", .string, .required)
            .field("status", .string, .required)
            .field("taxonomy_version", .string, .required)
            .field("classification", .string, .required)
            .field("narrative", .data)
            .field("started_at", .datetime, .required)
            .field("finalised_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "conversation_id")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "contacts_helpline").on(Contact.schema).column("helpline_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Contact.schema).delete()
    }
}
