import Fluent

/// The margins each imported file added, one row per helpline, country and month with its counts
/// as JSON: read back whole by a rebuild, never queried. The records themselves are never stored.
struct M027_CreateImportedContactMargins: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ContactMargins.importedSchema)
            .id()
            .field("import_id", .uuid, .required, .references(ContactRecordImport.schema, .id, onDelete: .cascade))
            .field("helpline_id", .uuid, .required, .references(Helpline.schema, .id))
            .field("country", .string, .required)
            .field("month", .string, .required)
            .field("taxonomy_version", .string, .required)
            .field("counts", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ContactMargins.importedSchema).delete()
    }
}
