import CoveCore
import Fluent
import SQLKit
import Vapor

/// Recomputes the contact statistics from the finalised contacts themselves: after a fix to
/// how cells are keyed, after restoring a backup, or to check the running counts. It reads
/// only the coded classification, never a sealed narrative, and replaces every cell in one
/// transaction, so statistics are never seen half rebuilt.
enum ContactRollupRebuild {
    struct Summary: Sendable, Equatable {
        var contacts: Int
        var cells: Int
        var conversations = 0
        var operationsCells = 0
        var margins = 0
    }

    static func run(on db: any Database) async throws -> Summary {
        try await db.writeTransaction { db in
            // A contact finalised while the counts are read would be counted by neither side:
            // on PostgreSQL the share lock waits for finalisations under way and holds off new
            // ones; on SQLite the write transaction does the same.
            if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
                try await sql.raw("LOCK TABLE contacts, conversations IN SHARE MODE").run()
            }
            let helplines = Dictionary(try await Helpline.query(on: db).all().compactMap { helpline in
                helpline.id.map { ($0, helpline) } }, uniquingKeysWith: { first, _ in first })
            let counts = try await countCells(helplines: helplines, on: db)
            try await ContactRollupCell.query(on: db).delete()
            try await insert(counts.cells, on: db)
            var margins = counts.margins
            // Imported files are added back from what they counted: Cove has no records to recount.
            for (margin, count) in try await ContactMargins.imported(on: db) {
                margins[margin, default: 0] += count
            }
            try await ContactMarginCell.query(on: db).delete()
            try await ContactMargins.add(margins, on: db)
            let operations = try await countOperations(helplines: helplines, on: db)
            try await OperationsRollupCell.query(on: db).delete()
            for (key, cell) in operations.cells { try await OperationsRollups.add(cell, at: key, on: db) }
            return Summary(contacts: counts.contacts, cells: counts.cells.count, conversations: operations.conversations,
                           operationsCells: operations.cells.count, margins: margins.count)
        }
    }

    /// Every final contact's cells and margins, counted in memory.
    private static func countCells(helplines: [UUID: Helpline], on db: any Database) async throws
        -> (contacts: Int, cells: [ContactRollup.Key: Int], margins: [ContactMargin: Int]) {
        let contacts = try await Contact.query(on: db).filter(\.$status == .final)
            .field(\.$id).field(\.$helpline.$id).field(\.$channel).field(\.$startedAt).field(\.$classification)
            .field(\.$taxonomyVersion).all()
        var cells: [ContactRollup.Key: Int] = [:]
        var margins: [ContactMargin: Int] = [:]
        for contact in contacts {
            guard let helpline = helplines[contact.$helpline.id] else { continue }
            let form = try JSONDecoder().decode(ContactForm.self, from: Data(contact.classification.utf8))
            let keys = try ContactRollups.keys(for: form, contact: contact, helpline: helpline)
            for key in keys { cells[key, default: 0] += 1 }
            for margin in ContactMargin.margins(ofContact: keys) { margins[margin, default: 0] += 1 }
        }
        return (contacts.count, cells, margins)
    }

    /// Every conversation's operations cell: offered once, answered with its wait once taken.
    private static func countOperations(helplines: [UUID: Helpline], on db: any Database) async throws
        -> (conversations: Int, cells: [OperationsRollups.Key: OperationsRollups.Counts]) {
        let conversations = try await Conversation.query(on: db).field(\.$id).field(\.$helpline.$id).field(\.$channel)
            .field(\.$startedAt).field(\.$answeredAt).all()
        var cells: [OperationsRollups.Key: OperationsRollups.Counts] = [:]
        for conversation in conversations {
            guard let helpline = helplines[conversation.$helpline.id] else { continue }
            let key = try OperationsRollups.key(for: conversation, helpline: helpline)
            cells[key, default: .init()].offered += 1
            if let answeredAt = conversation.answeredAt {
                cells[key, default: .init()].answered += 1
                cells[key, default: .init()].waitSeconds += max(0, answeredAt.timeIntervalSince(conversation.startedAt))
            }
        }
        return (conversations.count, cells)
    }

    private static func insert(_ cells: [ContactRollup.Key: Int], on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        try await sql.insert(Array(cells), into: ContactRollupCell.schema,
                             columns: ["id", "helpline_id", "country", "month", "contact_type", "category", "subcategory",
                                       "online", "age_band", "gender", "channel", "taxonomy_version", "contacts"]) { key, count in
            [UUID(), key.helplineID, key.country, key.month, key.contactType, key.category, key.subcategory, key.online,
             key.ageBand, key.gender, key.channel, key.taxonomyVersion, count]
        }
    }
}

/// The statistics commands of the CLI, kept here so they use the same rules as the server.
public enum CoveStatistics {
    public struct RebuildSummary: Sendable {
        public let contacts: Int
        public let cells: Int
        public let conversations: Int
        public let operationsCells: Int
        public let margins: Int
    }

    /// What a long import is doing, so the command line can show it.
    public enum ImportProgress: Sendable, Equatable {
        case reading(bytes: Int)
        case checking(rows: Int)
        case storing(done: Int, of: Int)
    }

    public struct ImportSummary: Sendable {
        /// Nil on a dry run.
        public let submissionID: UUID?
        public let format: String
        public let observations: Int
        public let series: Int
        public let periods: [String]
    }

    /// Reads, checks and (unless `dryRun`) stores a file for `dataflow` as a new draft
    /// submission. Throws an error listing every problem with its line and column, having
    /// stored nothing.
    public static func importFile(_ data: Data, dataflow: String, dryRun: Bool, on app: Application,
                                  progress: (@Sendable (ImportProgress) -> Void)? = nil) async throws -> ImportSummary {
        let outcome = try await StatisticsImport(db: app.db, countries: app.countries, now: app.clock.now(), progress: progress)
            .run(data, dataflow: dataflow, submittedBy: .init(label: "cove command line"), dryRun: dryRun)
        return ImportSummary(submissionID: outcome.submissionID, format: outcome.format.rawValue,
                             observations: outcome.observations, series: outcome.series, periods: outcome.periods)
    }

    public static func rebuildRollups(on app: Application) async throws -> RebuildSummary {
        let summary = try await ContactRollupRebuild.run(on: app.db)
        try await AuditEvent(occurredAt: app.clock.now(), actorID: nil, actorLabel: "cove command line", organisationID: nil,
                             action: "stats.rollups_rebuilt", recordType: "contact_rollups", recordID: nil,
                             detail: "contacts=\(summary.contacts) cells=\(summary.cells) conversations=\(summary.conversations)")
            .create(on: app.db)
        return RebuildSummary(contacts: summary.contacts, cells: summary.cells, conversations: summary.conversations,
                              operationsCells: summary.operationsCells, margins: summary.margins)
    }
}
