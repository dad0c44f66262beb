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

    /// The margins added up by their key; only of `helplines` in `country` when given.
    static func sums(helplines: [UUID]? = nil, country: String? = nil,
                     on db: any Database) async throws -> [ContactMargin: Int] {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        let query = sql.select().columns(key)
            .column(Self.total, as: "contacts")
            .from(ContactMarginCell.schema)
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
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        let blocks = Dictionary(grouping: counts) { ImportedBlock(margin: $0.key) }
        try await sql.insert(Array(blocks), into: importedSchema,
                             columns: ["id", "import_id", "helpline_id", "country", "month", "taxonomy_version", "counts"]) {
            block, margins in
            let counts = Dictionary(uniqueKeysWithValues: margins.map {
                ("\($0.key.contactType)|\($0.key.dimension.rawValue)|\($0.key.code)", $0.value) })
            let json = String(decoding: (try? JSONEncoder().encode(counts)) ?? Data("{}".utf8), as: UTF8.self)
            return [UUID(), importID, block.helplineID, block.country, block.month, block.taxonomyVersion, json]
        }
    }

    /// Every imported file's margins, added up.
    static func imported(on db: any Database) async throws -> [ContactMargin: Int] {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        var sums: [ContactMargin: Int] = [:]
        for row in try await sql.select().columns("helpline_id", "country", "month", "taxonomy_version", "counts")
            .from(importedSchema).all() {
            let counts = try JSONDecoder().decode([String: Int].self, from: Data(try row.decode(column: "counts", as: String.self).utf8))
            let block = ImportedBlock(helplineID: try row.decode(column: "helpline_id", as: UUID.self),
                                      country: try row.decode(column: "country", as: String.self),
                                      month: try row.decode(column: "month", as: String.self),
                                      taxonomyVersion: try row.decode(column: "taxonomy_version", as: String.self))
            for (key, count) in counts {
                let parts = key.split(separator: "|", maxSplits: 2).map(String.init)
                guard parts.count == 3, let dimension = ContactMargin.Dimension(rawValue: parts[1]) else { continue }
                let margin = ContactMargin(helplineID: block.helplineID, country: block.country, month: block.month,
                                           contactType: parts[0], dimension: dimension, code: parts[2],
                                           taxonomyVersion: block.taxonomyVersion)
                sums[margin, default: 0] += count
            }
        }
        return sums
    }

    private struct ImportedBlock: Hashable {
        var helplineID: UUID
        var country: String
        var month: String
        var taxonomyVersion: String

        init(helplineID: UUID, country: String, month: String, taxonomyVersion: String) {
            (self.helplineID, self.country, self.month, self.taxonomyVersion) = (helplineID, country, month, taxonomyVersion)
        }

        init(margin: ContactMargin) {
            self.init(helplineID: margin.helplineID, country: margin.country, month: margin.month,
                      taxonomyVersion: margin.taxonomyVersion)
        }
    }

    /// Adds to the margins; on SQLite, `staging` from that many at once.
    static func add(_ counts: [ContactMargin: Int], on db: any Database, stagingFrom staging: Int = 10_000) async throws {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        guard sql.dialect.name == "sqlite", counts.count >= staging else {
            return try await insert(Array(counts), into: ContactMarginCell.schema, adding: true, sql: sql)
        }
        // SQLite journals every page a many-row upsert touches, statement by statement, and the
        // rows land all over three indexes. Staged in a bare table and merged in key order by one
        // statement, hundreds of thousands of margins go in several times faster. A failure rolls
        // the caller's transaction back, staging table included. The staging table lives in memory,
        // and the page cache is widened for the merge and narrowed again afterwards.
        try await sql.raw("PRAGMA temp_store = MEMORY").run()
        try await sql.raw("PRAGMA cache_size = -131072").run()
        try await sql.raw("CREATE TEMP TABLE contact_margins_staged AS SELECT * FROM contact_margins WHERE 0").run()
        try await insert(Array(counts), into: "contact_margins_staged", adding: false, sql: sql)
        try await sql.raw("""
            INSERT INTO contact_margins SELECT * FROM contact_margins_staged WHERE true
            ORDER BY helpline_id, country, month, contact_type, dimension, code, taxonomy_version
            ON CONFLICT (helpline_id, country, month, contact_type, dimension, code, taxonomy_version)
            DO UPDATE SET contacts = contact_margins.contacts + excluded.contacts
            """).run()
        try await sql.raw("DROP TABLE temp.contact_margins_staged").run()
        try await sql.raw("PRAGMA cache_size = -2000").run()
    }

    /// Stores the rows; `adding` each count to a margin stored already.
    private static func insert(_ rows: [(key: ContactMargin, value: Int)], into table: String, adding: Bool,
                               sql: any SQLDatabase) async throws {
        try await sql.insert(rows, into: table, columns: ["id"] + key + ["contacts"], groupSize: 500,
                             adding: adding ? (key, ["contacts"]) : nil) { margin, count in
            [UUID(), margin.helplineID, margin.country, margin.month, margin.contactType, margin.dimension.rawValue,
             margin.code, margin.taxonomyVersion, count]
        }
    }
}
