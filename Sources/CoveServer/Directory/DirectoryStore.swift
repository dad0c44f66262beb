import CoveCore
import Fluent
import SQLKit
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

    /// Makes the directory exactly `records`: all of it or, on any error, none of it. What is
    /// replaced is read inside the transaction, so a write landing meanwhile is not overwritten
    /// from a stale reading.
    @discardableResult
    func replaceAll(with records: [DirectoryRecord], by actor: Actor, dryRun: Bool = false,
                    progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) async throws -> ImportSummary {
        guard !dryRun else {
            return Self.summary(from: try await Helpline.query(on: database).with(\.$contactPoints).all(), to: records)
        }
        let summary = try await database.transaction { db in
            let existing = try await Helpline.query(on: db).with(\.$contactPoints).all()
            let summary = Self.summary(from: existing, to: records)
            let bySlug = Dictionary(uniqueKeysWithValues: existing.map { ($0.slug, $0) })
            for helpline in existing where summary.removed.contains(helpline.slug) {
                try await bumpVersion(of: helpline, on: db)
                try await revise(helpline.record(), version: helpline.version, change: .removed, by: actor, on: db)
                try await helpline.delete(on: db)
            }
            let changes = Set(summary.added + summary.changed)
            let writes = records.filter { changes.contains($0.id) }
            for (done, record) in writes.enumerated() {
                try await write(record, over: bySlug[record.id], change: .imported, by: actor, on: db)
                progress?(done + 1, writes.count)
            }
            return summary
        }
        cache.invalidate()
        return summary
    }

    /// What a save means: a new helpline, which must not exist yet, or an edit of the version
    /// the form was opened on.
    enum Saving: Sendable {
        case creating(organisationID: UUID?)
        case updating(expectedVersion: Int)
    }

    /// Saves one record; refused when the slug is taken (creating) or when someone else saved the
    /// helpline since `expectedVersion` was read (updating), also by a concurrent request.
    func save(_ record: DirectoryRecord, as saving: Saving, by actor: Actor) async throws {
        try await database.transaction { db in
            let current = try await Helpline.query(on: db).filter(\.$slug == record.id).with(\.$contactPoints).first()
            switch (saving, current) {
            case (.creating, .some), (.updating, nil):
                throw EditConflict()
            case (.updating(let expected), .some(let current)) where current.version != expected:
                throw EditConflict()
            case (.creating(let organisationID), nil):
                let helpline = try await write(record, over: nil, change: .created, by: actor, on: db)
                helpline.$organisation.id = organisationID
                try await helpline.save(on: db)
            case (.updating, .some(let current)):
                try await write(record, over: current, change: .edited, by: actor, on: db)
            }
        }
        cache.invalidate()
    }

    /// Links a helpline to the helpline organisation whose administrators may edit it.
    func link(slug: String, to organisationID: UUID?) async throws {
        guard let helpline = try await helpline(slug: slug) else { throw Abort(.notFound) }
        helpline.$organisation.id = organisationID
        try await helpline.save(on: database)
    }

    /// Someone saved the helpline after this form was opened; saving would silently undo their change.
    struct EditConflict: AbortError {
        var status: HTTPResponseStatus { .conflict }
        var reason: String { "the helpline changed since the form was opened" }
    }

    func history(slug: String) async throws -> [HelplineRevision] {
        try await HelplineRevision.query(on: database).filter(\.$slug == slug)
            .sort(\.$version, .descending).sort(\.$recordedAt, .descending).all()
    }

    // MARK: - Writing

    @discardableResult
    private func write(_ record: DirectoryRecord, over current: Helpline?, change: HelplineRevision.Change,
                       by actor: Actor, on db: any Database) async throws -> Helpline {
        let helpline: Helpline
        if let current {
            try await bumpVersion(of: current, on: db)
            current.apply(record)
            try await current.$contactPoints.query(on: db).delete()
            helpline = current
        } else {
            helpline = Helpline(record: record, organisationID: nil)
            // A helpline removed and added again goes on from its last revision, so its history reads in order.
            helpline.version = (try await HelplineRevision.query(on: db).filter(\.$slug == record.id).max(\.$version) ?? 0) + 1
        }
        try await helpline.save(on: db)
        let id = try helpline.requireID()
        for (position, point) in record.contactPoints.enumerated() {
            try await HelplineContactPoint(point, position: position, helplineID: id).create(on: db)
        }
        try await revise(record, version: helpline.version, change: change, by: actor, on: db)
        return helpline
    }

    /// Moves the stored version on by one only if it is still the one read: of two concurrent
    /// writers (PostgreSQL reads committed data, so both may have read it) one wins, the other
    /// gets `EditConflict` instead of silently undoing the first.
    private func bumpVersion(of helpline: Helpline, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        let bumped = try await sql.update(Helpline.schema)
            .set("version", to: SQLLiteral.numeric("\(helpline.version + 1)"))
            .where("id", .equal, SQLBind(try helpline.requireID()))
            .where("version", .equal, SQLBind(helpline.version))
            .returning("id")
            .all()
        guard !bumped.isEmpty else { throw EditConflict() }
        helpline.version += 1
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
