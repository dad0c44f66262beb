import Fluent
import SQLKit

struct M007_CreateHelplineContactPoints: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(HelplineContactPoint.schema)
            .id()
            .field("helpline_id", .uuid, .required, .references(Helpline.schema, .id, onDelete: .cascade))
            .field("position", .int, .required)
            .field("channel", .string, .required)
            .field("address", .string, .required)
            .field("e164", .string)
            .field("is_free", .bool)
            .field("harmonisation", .string)
            .field("schedule", .json)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "helpline_contact_points_helpline").on(HelplineContactPoint.schema)
                .column("helpline_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(HelplineContactPoint.schema).delete()
    }
}
