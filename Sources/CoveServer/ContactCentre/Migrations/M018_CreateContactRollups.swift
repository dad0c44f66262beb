import Fluent

struct M018_CreateContactRollups: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ContactRollupCell.schema)
            .id()
            .field("helpline_id", .uuid, .required, .references(Helpline.schema, .id))
            .field("country", .string, .required)
            .field("month", .string, .required)
            .field("contact_type", .string, .required)
            .field("category", .string, .required)
            .field("subcategory", .string, .required)
            .field("online", .bool, .required)
            .field("age_band", .string, .required)
            .field("gender", .string, .required)
            .field("channel", .string, .required)
            .field("taxonomy_version", .string, .required)
            .field("contacts", .int, .required)
            // One cell per combination: finalising adds to it in place.
            .unique(on: "helpline_id", "country", "month", "contact_type", "category", "subcategory", "online",
                    "age_band", "gender", "channel", "taxonomy_version", name: "contact_rollups_cell")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ContactRollupCell.schema).delete()
    }
}
