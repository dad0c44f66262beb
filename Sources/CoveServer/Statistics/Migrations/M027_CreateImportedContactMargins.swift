import Fluent

/// The margins each imported file added. The records themselves are never stored.
struct M027_CreateImportedContactMargins: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ContactMargins.importedSchema)
            .id()
            .field("import_id", .uuid, .required, .references(ContactRecordImport.schema, .id, onDelete: .cascade))
            .field("helpline_id", .uuid, .required, .references(Helpline.schema, .id))
            .field("country", .string, .required)
            .field("month", .string, .required)
            .field("contact_type", .string, .required)
            .field("dimension", .string, .required)
            .field("code", .string, .required)
            .field("taxonomy_version", .string, .required)
            .field("contacts", .int, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ContactMargins.importedSchema).delete()
    }
}
