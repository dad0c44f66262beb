import CoveCore
import Foundation
import Vapor

extension CoveStatistics {
    public struct RecordImportSummary: Sendable {
        /// Nil on a dry run.
        public let importID: UUID?
        public let records: Int
        public let margins: Int
        public let months: [String]
    }

    /// Reads and checks a file of contact records, then (unless `dryRun`) counts it into the
    /// contact margins. A file with any problem throws `ContactRecordReader.Failure`, listing them,
    /// and counts nothing; so does a file imported before.
    public static func importContactRecords(at url: URL, dryRun: Bool, on app: Application,
                                            progress: ((Int) -> Void)? = nil) async throws -> RecordImportSummary {
        let importer = ContactRecordImporter(db: app.db, now: app.clock.now())
        let reading = try ContactRecordReader.read(fileAt: url, taxonomy: try Taxonomy.bundled,
                                                   helplines: try await importer.helplines(), progress: progress)
        let outcome = try await importer.store(reading, by: "cove command line", dryRun: dryRun)
        return RecordImportSummary(importID: outcome.importID, records: reading.tally.records,
                                   margins: outcome.margins, months: reading.tally.months)
    }

    /// Every helpline indicator for every country, region and quarter, from the rollups, as CSV.
    /// Not disclosure-controlled: for the people who hold the rollups.
    public static func indicatorTable(on app: Application) async throws -> (csv: String, rows: Int) {
        let rows = try await RollupIndicatorReport.rows(on: app.db, countries: app.countries)
        return (RollupIndicatorTable.csv(rows), rows.count)
    }
}
