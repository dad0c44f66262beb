import CoveCore
import Fluent
import Vapor

/// Counts a checked file of contact records into the margins, in one transaction: the file's row,
/// the margins it added (kept so a rebuild adds them back) and the running margins themselves.
struct ContactRecordImporter {
    let db: any Database
    let now: Date

    enum Failure: Error, CustomStringConvertible {
        case alreadyImported(on: Date)
        case noRecords

        var description: String {
            switch self {
            case .alreadyImported(let date):
                "this file was imported already, on \(date.formatted(.iso8601)); its contacts are counted"
            case .noRecords: "the file holds a header but no contact records"
            }
        }
    }

    struct Outcome: Sendable {
        /// Nil on a dry run.
        let importID: UUID?
        let margins: Int
    }

    /// The helplines records may name: the directory's, each by its id.
    func helplines() async throws -> [ContactRecordReader.Helpline] {
        try await Helpline.query(on: db).all().compactMap { helpline in
            helpline.id.map { .init(id: $0, slug: helpline.slug, countries: helpline.countries.map { String($0.prefix(2)) }) }
        }
    }

    func store(_ reading: ContactRecordReader.FileReading, by label: String, dryRun: Bool) async throws -> Outcome {
        let tally = reading.tally
        guard tally.records > 0, let first = tally.months.first, let last = tally.months.last else {
            throw Failure.noRecords
        }
        try await refuseRepeat(of: reading.digest, on: db)
        guard !dryRun else { return Outcome(importID: nil, margins: tally.margins.count) }
        let id = try await db.writeTransaction { db in
            // Checked again inside: two imports of one file at once must not both count.
            try await refuseRepeat(of: reading.digest, on: db)
            let file = ContactRecordImport(digest: reading.digest, records: tally.records, bytes: Int64(reading.bytes),
                                           firstMonth: first, lastMonth: last, importedAt: now, importedBy: label)
            try await file.create(on: db)
            let id = try file.requireID()
            try await ContactMargins.record(tally.margins, importID: id, on: db)
            try await ContactMargins.add(tally.margins, on: db)
            try await AuditEvent(occurredAt: now, actorID: nil, actorLabel: label, organisationID: nil,
                                 action: "stats.contact_records_imported", recordType: ContactRecordImport.schema,
                                 recordID: id.uuidString, detail: "records=\(tally.records) months=\(first)..\(last)")
                .create(on: db)
            return id
        }
        return Outcome(importID: id, margins: tally.margins.count)
    }

    private func refuseRepeat(of digest: String, on db: any Database) async throws {
        if let earlier = try await ContactRecordImport.query(on: db).filter(\.$digest == digest).first() {
            throw Failure.alreadyImported(on: earlier.importedAt)
        }
    }
}
