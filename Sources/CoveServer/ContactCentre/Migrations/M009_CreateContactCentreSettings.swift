import Fluent

struct M009_CreateContactCentreSettings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ContactCentreSettings.schema)
            .id()
            .field("helpline_id", .uuid, .required, .references(Helpline.schema, .id, onDelete: .cascade))
            .field("chat_enabled", .bool, .required)
            .field("retention_days", .int, .required)
            .field("stores_raw_identifiers", .bool, .required)
            .field("average_handling_seconds", .int, .required)
            .field("maximum_waiting", .int, .required)
            .field("priority_rules", .string)
            .field("canned_responses", .string)
            .unique(on: "helpline_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ContactCentreSettings.schema).delete()
    }
}
