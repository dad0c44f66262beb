import Fluent

/// Gives submissions what the approval workflow needs: who uploaded, for which country and region,
/// and which version of which submission this is. One column per step, as SQLite alters one at a time.
struct M021_AddSubmissionWorkflow: AsyncMigration {
    private static let columns: [(FieldKey, DatabaseSchema.DataType)] = [
        ("organisation_id", .uuid), ("ref_area", .string), ("region", .string), ("lineage_id", .uuid),
        ("return_reason", .string), ("updated_at", .datetime), ("methodology_version", .string),
    ]

    func prepare(on database: any Database) async throws {
        for (key, type) in Self.columns {
            try await database.schema(StatisticalSubmission.schema).field(key, type).update()
        }
        try await database.schema(StatisticalSubmission.schema)
            .field("version", .int, .required, .sql(.default(1))).update()
    }

    func revert(on database: any Database) async throws {
        for key in ["version"] + Self.columns.map(\.0.description).reversed() {
            try await database.schema(StatisticalSubmission.schema).deleteField(.string(key)).update()
        }
    }
}
