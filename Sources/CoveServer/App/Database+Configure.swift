import CoveCore
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import SQLKit
import Foundation
import Vapor

extension Application {
    /// Connects Fluent to SQLite (the embedded default) or PostgreSQL.
    func configureDatabase(_ database: Settings.Database) throws {
        switch database {
        case .sqliteInMemory:
            databases.use(.sqlite(.memory), as: .sqlite)
        case let .sqlite(path):
            let folder = (path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            databases.use(.sqlite(.file(path)), as: .sqlite)
        case let .postgres(url):
            var configuration = try SQLPostgresConfiguration(url: url)
            if let schema = Self.postgresSchema(in: url) {
                configuration.searchPath = [schema]
            }
            databases.use(.postgres(configuration: configuration), as: .psql)
        }
    }

    /// A `?search_path=` on the URL picks a schema; the tests give each test its own.
    static func postgresSchema(in url: String) -> String? {
        URLComponents(string: url)?.queryItems?.first { $0.name == "search_path" }?.value
    }
}

extension Application {
    /// Write-ahead logging lets chats be read while one is written, instead of each write
    /// waiting for every reader. The mode is kept in the file, so setting it once is enough.
    func useWriteAheadLog(for database: Settings.Database) async throws {
        guard case .sqlite = database, let sql = db as? any SQLDatabase else { return }
        try await sql.raw("PRAGMA journal_mode=WAL").run()
    }
}

extension Database {
    /// Whether this is SQLite, whose writers share one lock on the file.
    var isSQLite: Bool { (self as? any SQLDatabase)?.dialect.name == "sqlite" }

    /// A transaction that takes SQLite's write lock before it reads. SQLite otherwise takes the
    /// lock at the first write, and a transaction that has read by then cannot wait for a
    /// writer on another connection: it fails with "database is locked". PostgreSQL needs none
    /// of this.
    ///
    /// Waiting for the lock, SQLite's driver retries at once, over and over, which under load
    /// burns the CPU the lock holder needs. Writers in this process that pass `gate` queue
    /// there instead, asleep, and reach the file lock one at a time.
    func writeTransaction<T: Sendable>(queueingAt gate: SerialGate? = nil,
                                       _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        // Within a transaction already, the caller holds whatever it queued for.
        guard let gate, isSQLite, !inTransaction else { return try await lockedTransaction(body) }
        return try await gate.run { try await lockedTransaction(body) }
    }

    private func lockedTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard isSQLite else { return try await transaction(body) }
        // Within a transaction already: the caller's transaction decides when the lock is taken.
        if inTransaction { return try await body(self) }
        return try await withConnection { connection in
            // With write-ahead logging, NORMAL syncs at checkpoints rather than at every commit:
            // a crashed or killed Cove loses nothing committed, a power cut may lose the last
            // moments. A sync per chat message would cap the whole service at the disk's pace.
            // The setting belongs to the connection, which the pool does not let us prepare.
            try await (connection as? any SQLDatabase)?.raw("PRAGMA synchronous = NORMAL").run()
            return try await connection.transaction { db in
                // An update that changes nothing still takes the lock.
                try await (db as? any SQLDatabase)?.raw("UPDATE _fluent_migrations SET batch = batch WHERE 0 = 1").run()
                return try await body(db)
            }
        }
    }
}
