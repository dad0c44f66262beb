import Fluent

struct M003_CreateRecoveryCodes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RecoveryCode.schema)
            .id()
            .field("person_id", .uuid, .required, .references(Person.schema, .id, onDelete: .cascade))
            .field("digest", .string, .required)
            .field("used_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RecoveryCode.schema).delete()
    }
}
