import CoveCore
import Fluent
import SQLKit
import Vapor

/// Reads what the cross-country indicator table needs from the rollups: the margins of the
/// dimensions indicators select, added up over helplines, and the operations cells.
enum RollupIndicatorReport {
    static func rows(on db: any Database, countries: CountryList) async throws -> [RollupIndicatorTable.Row] {
        let table = RollupIndicatorTable(catalogue: try IndicatorCatalogue.bundled, countries: countries,
                                         population: try ChildPopulation.bundled)
        let margins = try await marginCounts(of: table.selectedDimensions, on: db)
        let operations = Dictionary(grouping: try await OperationsRollupCell.query(on: db).all(), by: \.country)
            .mapValues { cells in
                cells.map { RollupSubmission.Operations(month: $0.month, channel: $0.channel, offered: $0.offered,
                                                        answered: $0.answered, waitSeconds: $0.waitSeconds) }
            }
        return table.rows(margins: margins, operations: operations)
    }

    static func marginCounts(of dimensions: Set<ContactMargin.Dimension>,
                             on db: any Database) async throws -> [RollupIndicatorTable.MarginCount] {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        let rows = try await sql.select()
            .columns("country", "month", "contact_type", "dimension", "code")
            .column(ContactMargins.total, as: "contacts")
            .from(ContactMarginCell.schema)
            .where("dimension", .in, dimensions.map(\.rawValue).sorted())
            .groupBy("country").groupBy("month").groupBy("contact_type").groupBy("dimension").groupBy("code")
            .all()
        return try rows.compactMap { row in
            guard let dimension = ContactMargin.Dimension(rawValue: try row.decode(column: "dimension", as: String.self)) else {
                return nil
            }
            return RollupIndicatorTable.MarginCount(
                country: try row.decode(column: "country", as: String.self),
                month: try row.decode(column: "month", as: String.self),
                contactType: try row.decode(column: "contact_type", as: String.self), dimension: dimension,
                code: try row.decode(column: "code", as: String.self),
                contacts: try row.decode(column: "contacts", as: Int.self))
        }
    }
}
