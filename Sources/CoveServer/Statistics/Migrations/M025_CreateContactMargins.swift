import Fluent
import SQLKit

/// The one-way contact counts indicators read. Contacts finalised before this migration are
/// counted into them by `cove stats rebuild`.
struct M025_CreateContactMargins: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ContactMarginCell.schema)
            .id()
            .field("helpline_id", .uuid, .required, .references(Helpline.schema, .id))
            .field("country", .string, .required)
            .field("month", .string, .required)
            .field("contact_type", .string, .required)
            .field("dimension", .string, .required)
            .field("code", .string, .required)
            .field("taxonomy_version", .string, .required)
            .field("contacts", .int, .required)
            .unique(on: "helpline_id", "country", "month", "contact_type", "dimension", "code", "taxonomy_version",
                    name: "contact_margins_cell")
            .create()
        // The indicator table reads a few codes of every country and month: from this index alone.
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "contact_margins_by_code").on(ContactMarginCell.schema)
                .column("dimension").column("code").column("country").column("month").column("contact_type")
                .column("contacts").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ContactMarginCell.schema).delete()
    }
}
