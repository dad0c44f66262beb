import Fluent
import SQLKit

struct M006_CreateHelplines: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Helpline.schema)
            .id()
            .field("slug", .string, .required)
            .field("organisation_id", .uuid, .references(Organisation.schema, .id, onDelete: .setNull))
            .field("name", .string, .required)
            .field("names", .json, .required)
            .field("descriptions", .json, .required)
            .field("countries", .array(of: .string), .required)
            .field("scope", .string, .required)
            .field("status", .string, .required)
            .field("languages", .array(of: .string), .required)
            .field("minimum_age", .int)
            .field("maximum_age", .int)
            .field("topics", .array(of: .string), .required)
            .field("time_zone", .string, .required)
            .field("schedule", .json)
            .field("website", .string)
            .field("source_url", .string)
            .field("source_seen", .string)
            .field("verified_on", .string)
            .field("verified_by", .string)
            .field("version", .int, .required)
            .field("updated_at", .datetime)
            .unique(on: "slug")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Helpline.schema).delete()
    }
}
