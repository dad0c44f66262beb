import Fluent

/// The operations cells, and when each conversation was first answered, so the cells can be
/// recomputed from conversations as contact cells are from contacts.
struct M024_CreateOperationsRollups: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OperationsRollupCell.schema)
            .id()
            .field("helpline_id", .uuid, .required, .references(Helpline.schema, .id))
            .field("country", .string, .required)
            .field("month", .string, .required)
            .field("channel", .string, .required)
            .field("offered", .int, .required)
            .field("answered", .int, .required)
            .field("wait_seconds", .double, .required)
            .unique(on: "helpline_id", "month", "channel", name: "operations_rollups_cell")
            .create()
        try await database.schema(Conversation.schema).field("answered_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Conversation.schema).deleteField("answered_at").update()
        try await database.schema(OperationsRollupCell.schema).delete()
    }
}
