import Fluent

/// Sessions live in the database so several `cove serve` instances can share them.
struct M005_CreateSessions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await SessionRecord.migration.prepare(on: database)
    }

    func revert(on database: any Database) async throws {
        try await SessionRecord.migration.revert(on: database)
    }
}
