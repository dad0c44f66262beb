import CoveCore
import Fluent
import Vapor

/// Reads and writes the directory as whole records, keeping every change's revision and keeping
/// the in-memory copy honest: each write invalidates it.
struct DirectoryStore: Sendable {
    let database: any Database
    let cache: DirectoryCache
    let now: Date

    /// Who made a change, as the history shows it.
    struct Actor: Sendable {
        var id: UUID?
        var label: String

        static let seed = Actor(id: nil, label: "seed")
        static let commandLine = Actor(id: nil, label: "command line")
    }

    /// What an import did, or would do on a dry run, by slug.
    struct ImportSummary: Sendable, Content, Equatable {
        var added: [String] = []
        var changed: [String] = []
        var removed: [String] = []
        var unchanged: [String] = []
    }

    /// What has been written to the directory so far: every change leaves a revision, so their
    /// number and the latest time change with any write, from this instance or another.
    struct ChangeMark: Equatable, Sendable {
        var revisions: Int
        var latest: Date?
    }

    func changeMark() async throws -> ChangeMark {
        ChangeMark(revisions: try await HelplineRevision.query(on: database).count(),
                   latest: try await HelplineRevision.query(on: database).max(\.$recordedAt))
    }

    /// Every record, in two queries: Fluent's eager loading matches children to parents pair by
    /// pair, which for a thousand helplines costs more than the rest of a help-now answer.
    func records() async throws -> [DirectoryRecord] {
        let helplines = try await Helpline.query(on: database).sort(\.$slug).all()
        let points = try await HelplineContactPoint.query(on: database).sort(\.$position).all()
        let byHelpline = Dictionary(grouping: points, by: \.$helpline.id)
        return helplines.map { helpline in
            helpline.record(contactPoints: helpline.id.flatMap { byHelpline[$0] } ?? [])
        }
    }

    func helpline(slug: String) async throws -> Helpline? {
        try await Helpline.query(on: database).filter(\.$slug == slug).with(\.$contactPoints).first()
    }

    /// Makes the directory exactly `records`: all of it or, on any error, none of it.
    @discardableResult
    func replaceAll(with records: [DirectoryRecord], by actor: Actor, dryRun: Bool = false,
                    progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) async throws -> ImportSummary {
        let existing = try await Helpline.query(on: database).with(\.$contactPoints).all()
        let summary = Self.summary(from: existing, to: records)
        guard !dryRun else { return summary }
        let bySlug = Dictionary(uniqueKeysWithValues: existing.map { ($0.slug, $0) })
        let changes = Set(summary.added + summary.changed)
        try await database.transaction { db in
            for helpline in existing where summary.removed.contains(helpline.slug) {
                try await revise(helpline.record(), version: helpline.version + 1, change: .removed, by: actor, on: db)
                try await helpline.delete(on: db)
            }
            let writes = records.filter { changes.contains($0.id) }
            for (done, record) in writes.enumerated() {
                try await write(record, over: bySlug[record.id], change: .imported, by: actor, on: db)
                progress?(done + 1, writes.count)
            }
        }
        cache.invalidate()
        return summary
    }

    /// Saves one edited record; refused when someone else saved it since `expectedVersion` was read.
    func save(_ record: DirectoryRecord, expectedVersion: Int?, by actor: Actor, organisationID: UUID? = nil)
        async throws {
        try await database.transaction { db in
            let current = try await Helpline.query(on: db).filter(\.$slug == record.id).with(\.$contactPoints).first()
            if let current, let expectedVersion, current.version != expectedVersion {
                throw EditConflict()
            }
            let helpline = try await write(record, over: current, change: current == nil ? .created : .edited, by: actor, on: db)
            if current == nil, let organisationID {
                helpline.$organisation.id = organisationID
                try await helpline.save(on: db)
            }
        }
        cache.invalidate()
    }

    /// Someone saved the helpline after this form was opened; saving would silently undo their change.
    struct EditConflict: AbortError {
        var status: HTTPResponseStatus { .conflict }
        var reason: String { "the helpline changed since the form was opened" }
    }

    func history(slug: String) async throws -> [HelplineRevision] {
        try await HelplineRevision.query(on: database).filter(\.$slug == slug).sort(\.$version, .descending).all()
    }

    // MARK: - Writing

    @discardableResult
    private func write(_ record: DirectoryRecord, over current: Helpline?, change: HelplineRevision.Change,
                       by actor: Actor, on db: any Database) async throws -> Helpline {
        let helpline = current ?? Helpline(record: record, organisationID: nil)
        if let current {
            current.apply(record)
            current.version += 1
            try await current.$contactPoints.query(on: db).delete()
        }
        try await helpline.save(on: db)
        let id = try helpline.requireID()
        for (position, point) in record.contactPoints.enumerated() {
            try await HelplineContactPoint(point, position: position, helplineID: id).create(on: db)
        }
        try await revise(record, version: helpline.version, change: change, by: actor, on: db)
        return helpline
    }

    private func revise(_ record: DirectoryRecord, version: Int, change: HelplineRevision.Change, by actor: Actor,
                        on db: any Database) async throws {
        try await HelplineRevision(slug: record.id, version: version, recordedAt: now, change: change,
                                   actorID: actor.id, actorLabel: actor.label, record: record).create(on: db)
    }

    static func summary(from existing: [Helpline], to records: [DirectoryRecord]) -> ImportSummary {
        let current = Dictionary(uniqueKeysWithValues: existing.map { ($0.slug, $0.record()) })
        let incoming = Set(records.map(\.id))
        var summary = ImportSummary()
        for record in records {
            switch current[record.id] {
            case nil: summary.added.append(record.id)
            case record?: summary.unchanged.append(record.id)
            default: summary.changed.append(record.id)
            }
        }
        summary.removed = current.keys.filter { !incoming.contains($0) }.sorted()
        return summary
    }
}

extension Request {
    var helplineDirectory: DirectoryStore {
        DirectoryStore(database: db, cache: application.directoryCache, now: now)
    }
}

extension Application {
    var helplineDirectory: DirectoryStore {
        DirectoryStore(database: db, cache: directoryCache, now: clock.now())
    }
}
