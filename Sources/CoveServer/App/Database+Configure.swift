import CoveCore
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
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
