import Fluent
import SQLKit

/// Cases, the contacts they gather and their sealed notes: one feature, so one migration.
struct M017_CreateCases: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await createCases(on: database)
        try await createCaseContacts(on: database)
        try await createCaseNotes(on: database)
        try await createIndexes(on: database)
    }

    private func createCases(on database: any Database) async throws {
        try await database.schema(HelplineCase.schema)
            .id()
            .field("helpline_id", .uuid, .required, .references(Helpline.schema, .id))
            .field("reference", .string, .required)
            .field("status", .string, .required)
            .field("assigned_counsellor_id", .uuid, .references(Person.schema, .id, onDelete: .setNull))
            .field("follow_up_on", .string)
            .field("created_by", .uuid, .references(Person.schema, .id, onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("version", .int, .required)
            .unique(on: "reference")
            .create()
    }

    private func createCaseContacts(on database: any Database) async throws {
        try await database.schema(CaseContact.schema)
            .id()
            .field("case_id", .uuid, .required, .references(HelplineCase.schema, .id, onDelete: .cascade))
            .field("contact_id", .uuid, .required, .references(Contact.schema, .id, onDelete: .cascade))
            .field("linked_at", .datetime, .required)
            .field("linked_by", .uuid, .references(Person.schema, .id, onDelete: .setNull))
            .unique(on: "case_id", "contact_id")
            .create()
    }

    private func createCaseNotes(on database: any Database) async throws {
        try await database.schema(CaseNote.schema)
            .id()
            .field("case_id", .uuid, .required, .references(HelplineCase.schema, .id, onDelete: .cascade))
            .field("author_id", .uuid, .references(Person.schema, .id, onDelete: .setNull))
            .field("body", .data, .required)
            .field("kind", .string, .required)
            .field("written_at", .datetime, .required)
            .create()
    }

    /// The case list filters by helpline; opening a case asks whether a contact already has one;
    /// the case page lists its notes.
    private func createIndexes(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "cases_helpline").on(HelplineCase.schema).column("helpline_id").run()
        try await sql.create(index: "case_contacts_contact").on(CaseContact.schema).column("contact_id").run()
        try await sql.create(index: "case_notes_case").on(CaseNote.schema).column("case_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CaseNote.schema).delete()
        try await database.schema(CaseContact.schema).delete()
        try await database.schema(HelplineCase.schema).delete()
    }
}
