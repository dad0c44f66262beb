import CoveCore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import CoveServer

/// A clock the tests move by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_790_000_000)) { current = start }

    var now: Date { lock.withLock { current } }
    func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
    var client: CoveClock { CoveClock { [self] in now } }
}

/// Runs `test` against a freshly configured, migrated and seeded Cove. The database is an
/// in-memory SQLite one, or, when `COVE_TEST_DATABASE_URL` is set, a new schema on that
/// PostgreSQL server, dropped afterwards.
func withCove(
    clock: TestClock = TestClock(),
    adjust: (inout Settings) -> Void = { _ in },
    _ test: (Application, Seeded) async throws -> Void
) async throws {
    let app = try await Application.make(.testing)
    let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
    do {
        var settings = Settings()
        settings.passwordHashCost = 4
        settings.database = TestDatabase.database(schema: schema)
        adjust(&settings)
        CoveMetrics.bootstrap()
        app.clock = clock.client
        try await configure(app, settings: settings)
        try await TestDatabase.createSchema(schema, on: app)
        try await app.autoMigrate()
        let first = try await Seeder(app: app).run()
        try await test(app, Seeded(administratorEmail: first!.email, administratorPassword: first!.oneTimePassword))
    } catch {
        try? await TestDatabase.dropSchema(schema, on: app)
        // A test that failed half-way may leave a real server listening.
        await app.server.shutdown()
        try? await app.asyncShutdown()
        throw error
    }
    try await TestDatabase.dropSchema(schema, on: app)
    try await app.asyncShutdown()
}

struct Seeded {
    var administratorEmail: String
    var administratorPassword: String
}

enum TestDatabase {
    static var postgresURL: String? { ProcessInfo.processInfo.environment["COVE_TEST_DATABASE_URL"] }

    static func database(schema: String) -> Settings.Database {
        guard let url = postgresURL else { return .sqliteInMemory }
        return .postgres(url: url + (url.contains("?") ? "&" : "?") + "search_path=\(schema)")
    }

    static func createSchema(_ schema: String, on app: Application) async throws {
        guard postgresURL != nil, let sql = app.db as? any SQLDatabase else { return }
        try await sql.raw("CREATE SCHEMA \(unsafeRaw: schema)").run()
    }

    static func dropSchema(_ schema: String, on app: Application) async throws {
        guard postgresURL != nil, let sql = app.db as? any SQLDatabase else { return }
        try await sql.raw("DROP SCHEMA IF EXISTS \(unsafeRaw: schema) CASCADE").run()
    }
}
