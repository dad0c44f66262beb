import CoveCore
import Fluent
import SQLKit
import Vapor

/// One contact margin as stored: counts only, never a contact.
final class ContactMarginCell: Model, @unchecked Sendable {
    static let schema = "contact_margins"

    @ID(key: .id) var id: UUID?
    @Field(key: "helpline_id") var helplineID: UUID
    @Field(key: "country") var country: String
    @Field(key: "month") var month: String
    @Field(key: "contact_type") var contactType: String
    @Field(key: "dimension") var dimension: String
    @Field(key: "code") var code: String
    @Field(key: "taxonomy_version") var taxonomyVersion: String
    @Field(key: "contacts") var contacts: Int

    init() {}

}

/// Adds to the margins inside the caller's transaction, as `ContactRollups` does to the cells.
enum ContactMargins {
    /// What each imported file of contact records added, by import; only ever read added up.
    static let importedSchema = "imported_contact_margins"
    /// PostgreSQL sums a BIGINT column as NUMERIC; the cast keeps it a whole number on both databases.
    static let total = SQLRaw("CAST(SUM(contacts) AS BIGINT)")
    static let key = ["helpline_id", "country", "month", "contact_type", "dimension", "code", "taxonomy_version"]

    static func add(_ counts: [ContactMargin: Int], to table: String = ContactMarginCell.schema,
                    on db: any Database) async throws {
        try await insert(counts, into: table, adding: (key, ["contacts"]), extra: [], on: db)
    }

    /// The margins of `table` added up by their key; only of `helplines` in `country` when given.
    static func sums(in table: String = ContactMarginCell.schema, helplines: [UUID]? = nil, country: String? = nil,
                     on db: any Database) async throws -> [ContactMargin: Int] {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        let query = sql.select().columns(key)
            .column(Self.total, as: "contacts")
            .from(table)
        if let helplines { query.where("helpline_id", .in, helplines) }
        if let country { query.where("country", .equal, country) }
        let rows = try await query.groupBy(SQLList(key.map { SQLColumn($0) })).all()
        var sums: [ContactMargin: Int] = [:]
        for row in rows {
            guard let dimension = ContactMargin.Dimension(rawValue: try row.decode(column: "dimension", as: String.self)) else {
                continue
            }
            let margin = ContactMargin(
                helplineID: try row.decode(column: "helpline_id", as: UUID.self),
                country: try row.decode(column: "country", as: String.self),
                month: try row.decode(column: "month", as: String.self),
                contactType: try row.decode(column: "contact_type", as: String.self), dimension: dimension,
                code: try row.decode(column: "code", as: String.self),
                taxonomyVersion: try row.decode(column: "taxonomy_version", as: String.self))
            sums[margin, default: 0] += try row.decode(column: "contacts", as: Int.self)
        }
        return sums
    }

    /// The margins an imported file added, kept under its import so a rebuild can add them back.
    static func record(_ counts: [ContactMargin: Int], importID: UUID, on db: any Database) async throws {
        try await insert(counts, into: ContactMargins.importedSchema, adding: nil, extra: [("import_id", importID)], on: db)
    }

    private static func insert(_ counts: [ContactMargin: Int], into table: String,
                               adding conflict: (key: [String], counts: [String])?,
                               extra: [(String, UUID)], on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        try await sql.insert(Array(counts), into: table, columns: ["id"] + extra.map(\.0) + key + ["contacts"],
                             groupSize: 500, adding: conflict) { margin, count in
            var values: [any Encodable & Sendable] = [UUID()]
            values += extra.map { $0.1 as any Encodable & Sendable }
            values += [margin.helplineID, margin.country, margin.month, margin.contactType, margin.dimension.rawValue,
                       margin.code, margin.taxonomyVersion, count] as [any Encodable & Sendable]
            return values
        }
    }
}
