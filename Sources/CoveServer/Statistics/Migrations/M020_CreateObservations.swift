import Fluent

struct M020_CreateObservations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Observation.schema)
            .id()
            .field("submission_id", .uuid, .required, .references(StatisticalSubmission.schema, .id, onDelete: .cascade))
            .field("dataflow", .string, .required)
            .field("series_key", .string, .required)
            .field("time_period", .string, .required)
            .field("value", .double)
            .field("obs_status", .string)
            .field("conf_status", .string)
            .field("unit_mult", .int)
            // A submission holds one value per series and period; the validator refuses duplicates first.
            .unique(on: "submission_id", "series_key", "time_period", name: "observations_key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Observation.schema).delete()
    }
}
