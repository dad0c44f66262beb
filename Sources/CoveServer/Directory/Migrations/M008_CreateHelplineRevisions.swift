import Fluent
import SQLKit

struct M008_CreateHelplineRevisions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(HelplineRevision.schema)
            .id()
            .field("slug", .string, .required)
            .field("version", .int, .required)
            .field("recorded_at", .datetime, .required)
            .field("change", .string, .required)
            .field("actor_id", .uuid)
            .field("actor_label", .string, .required)
            .field("record", .string, .required)
            // One revision per version of a helpline: a second writer of the same version fails.
            .unique(on: "slug", "version")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "helpline_revisions_slug").on(HelplineRevision.schema).column("slug").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(HelplineRevision.schema).delete()
    }
}
