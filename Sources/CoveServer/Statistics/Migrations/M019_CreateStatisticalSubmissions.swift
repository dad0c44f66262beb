import Fluent

struct M019_CreateStatisticalSubmissions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StatisticalSubmission.schema)
            .id()
            .field("dataflow", .string, .required)
            .field("format", .string, .required)
            .field("status", .string, .required)
            .field("observations", .int, .required)
            .field("submitted_by", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StatisticalSubmission.schema).delete()
    }
}
