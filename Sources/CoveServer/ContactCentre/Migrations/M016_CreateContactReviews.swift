import Fluent
import SQLKit

struct M016_CreateContactReviews: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ContactReview.schema)
            .id()
            .field("contact_id", .uuid, .required, .references(Contact.schema, .id, onDelete: .cascade))
            .field("reviewer_id", .uuid, .references(Person.schema, .id, onDelete: .setNull))
            .field("score", .int, .required)
            .field("notes", .data)
            .field("follow_up", .bool, .required)
            .field("reviewed_at", .datetime, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            // The review page lists a contact's earlier reviews.
            try await sql.create(index: "contact_reviews_contact").on(ContactReview.schema).column("contact_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ContactReview.schema).delete()
    }
}
