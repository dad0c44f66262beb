import Fluent

struct M001_CreateOrganisations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Organisation.schema)
            .id()
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("country_code", .string)
            .field("region", .string)
            .field("requires_two_factor", .bool, .required, .sql(.default(false)))
            .field("created_at", .datetime)
            .unique(on: "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Organisation.schema).delete()
    }
}
