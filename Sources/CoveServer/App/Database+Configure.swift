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
    /// A transaction that takes SQLite's write lock before it reads. SQLite otherwise takes the
    /// lock at the first write, and a transaction that has read by then cannot wait for a
    /// writer on another connection: it fails with "database is locked". Holding the lock
    /// from the start, it waits its turn instead. PostgreSQL needs none of this.
    func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await transaction { db in
            if let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" {
                // An update that changes nothing still takes the lock.
                try await sql.raw("UPDATE _fluent_migrations SET batch = batch WHERE 0 = 1").run()
            }
            return try await body(db)
        }
    }
}
