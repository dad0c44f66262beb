import Fluent

struct M012_CreateCounsellorPresence: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CounsellorPresence.schema)
            .id()
            .field("person_id", .uuid, .required, .references(Person.schema, .id, onDelete: .cascade))
            .field("status", .string, .required)
            .field("capacity", .int, .required)
            .field("languages", .array(of: .string), .required)
            .field("idle_since", .datetime, .required)
            .field("updated_at", .datetime)
            .unique(on: "person_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CounsellorPresence.schema).delete()
    }
}
