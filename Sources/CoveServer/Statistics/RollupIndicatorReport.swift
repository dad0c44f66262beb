import CoveCore
import Fluent
import SQLKit
import Vapor

/// Reads what the cross-country indicator table needs from the rollups: the margins of the
/// dimensions indicators select, added up over helplines, and the operations cells.
enum RollupIndicatorReport {
    /// "2025-Q1" from "2025-03", in SQL both databases read.
    static let quarter = SQLRaw("substr(month, 1, 4) || '-Q' || ((CAST(substr(month, 6, 2) AS INTEGER) + 2) / 3)")

    static func rows(on db: any Database, countries: CountryList) async throws -> [RollupIndicatorTable.Row] {
        let table = RollupIndicatorTable(catalogue: try IndicatorCatalogue.bundled, countries: countries,
                                         population: try ChildPopulation.bundled)
        let margins = try await marginCounts(of: table.selectedMargins, quarterly: table.frequencies(of:
            RollupIndicatorTable.contactsFlow) == ["Q"], on: db)
        let operations = Dictionary(grouping: try await OperationsRollupCell.query(on: db).all(), by: \.country)
            .mapValues { $0.map(\.figures) }
        return table.rows(margins: margins, operations: operations)
    }

    /// The selected margins per country and month, or per quarter when only quarters are wanted:
    /// a third of the rows to read.
    static func marginCounts(of selected: [ContactMargin.Dimension: Set<String>], quarterly: Bool,
                             on db: any Database) async throws -> [RollupIndicatorTable.MarginCount] {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        let period: any SQLExpression = quarterly ? Self.quarter : SQLColumn("month")
        let rows = try await sql.select()
            .columns("country", "contact_type", "dimension", "code")
            .column(period, as: "period")
            .column(ContactMargins.total, as: "contacts")
            .from(ContactMarginCell.schema)
            .where("dimension", .in, selected.keys.map(\.rawValue).sorted())
            .where("code", .in, Set(selected.values.joined()).sorted())
            .groupBy("country").groupBy(period).groupBy("contact_type").groupBy("dimension").groupBy("code")
            .all()
        return try rows.compactMap { row in
            let code = try row.decode(column: "code", as: String.self)
            guard let dimension = ContactMargin.Dimension(rawValue: try row.decode(column: "dimension", as: String.self)),
                  selected[dimension]?.contains(code) == true else { return nil }
            return RollupIndicatorTable.MarginCount(
                country: try row.decode(column: "country", as: String.self),
                month: try row.decode(column: "period", as: String.self),
                contactType: try row.decode(column: "contact_type", as: String.self), dimension: dimension,
                code: code, contacts: try row.decode(column: "contacts", as: Int.self))
        }
    }
}
