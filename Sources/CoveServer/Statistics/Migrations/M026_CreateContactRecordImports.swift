import Fluent

/// Files of contact records counted into the margins: one row per file, so the same file is not
/// counted twice, and what each added, so a rebuild keeps it.
struct M026_CreateContactRecordImports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ContactRecordImport.schema)
            .id()
            .field("digest", .string, .required)
            .field("records", .int, .required)
            .field("bytes", .int64, .required)
            .field("first_month", .string, .required)
            .field("last_month", .string, .required)
            .field("imported_at", .datetime, .required)
            .field("imported_by", .string, .required)
            .unique(on: "digest", name: "contact_record_imports_digest")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ContactRecordImport.schema).delete()
    }
}
