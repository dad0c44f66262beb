import Fluent
import SQLKit

struct M004_CreateAuditEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEvent.schema)
            .id()
            .field("occurred_at", .datetime, .required)
            .field("actor_id", .uuid)
            .field("actor_label", .string)
            .field("organisation_id", .uuid)
            .field("action", .string, .required)
            .field("record_type", .string)
            .field("record_id", .string)
            .field("detail", .string)
            .create()
        // The log is read newest first, often for one record.
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "audit_events_occurred_at").on(AuditEvent.schema).column("occurred_at").run()
            try await sql.create(index: "audit_events_record").on(AuditEvent.schema).column("record_type").column("record_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEvent.schema).delete()
    }
}
