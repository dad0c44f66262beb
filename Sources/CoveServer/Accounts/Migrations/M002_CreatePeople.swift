import Fluent

struct M002_CreatePeople: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Person.schema)
            .id()
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, .id, onDelete: .restrict))
            .field("name", .string, .required)
            .field("email", .string, .required)
            .field("password_hash", .string, .required)
            .field("roles", .array(of: .string), .required)
            .field("must_change_password", .bool, .required)
            .field("totp_secret", .string)
            .field("totp_enabled_at", .datetime)
            .field("totp_last_step", .int)
            .field("failed_sign_ins", .int, .required, .sql(.default(0)))
            .field("locked_until", .datetime)
            .field("last_sign_in_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "email")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Person.schema).delete()
    }
}
