import Fluent

struct M022_CreateSubmissionEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SubmissionEvent.schema)
            .id()
            .field("submission_id", .uuid, .required, .references(StatisticalSubmission.schema, "id", onDelete: .cascade))
            .field("occurred_at", .datetime, .required)
            .field("action", .string, .required)
            .field("status", .string, .required)
            .field("actor_label", .string, .required)
            .field("note", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SubmissionEvent.schema).delete()
    }
}
