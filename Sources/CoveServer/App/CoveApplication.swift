import CoveCore
import Fluent
import Vapor

/// Makes a configured application for the command line; tests use `configure` directly.
public enum CoveApplication {
    public static func make(settings: Settings, arguments: [String] = ["cove"]) async throws -> Application {
        let environment = Environment(name: "production", arguments: arguments)
        let app = try await Application.make(environment)
        do {
            CoveMetrics.bootstrap()
            try await configure(app, settings: settings)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        return app
    }

    /// Brings the database up to date and seeds it; returns a first administrator if one was made.
    public static func prepare(_ app: Application) async throws -> FirstAdministratorCredentials? {
        try await app.autoMigrate()
        return try await Seeder(app: app).run().map { .init(email: $0.email, oneTimePassword: $0.oneTimePassword) }
    }

    public static func migrate(_ app: Application, revert: Bool = false) async throws {
        if revert { try await app.autoRevert() } else { try await app.autoMigrate() }
    }

    public static func seed(_ app: Application) async throws -> FirstAdministratorCredentials? {
        try await Seeder(app: app).run().map { .init(email: $0.email, oneTimePassword: $0.oneTimePassword) }
    }

    public struct FirstAdministratorCredentials: Sendable {
        public let email: String
        public let oneTimePassword: String
    }
}

/// The account commands of the CLI, kept here so they use the same rules as the web pages.
public enum CoveAccounts {
    public static func createPerson(on app: Application, name: String, email: String, organisation: String,
                                    roles: [Role]) async throws -> String {
        let service = app.accounts
        let organisation = try await service.organisation(named: organisation)
        let created = try await service.create(name: name, email: email, roles: roles, in: organisation)
        try await record(app, action: "person.create", person: created.person)
        return created.oneTimePassword
    }

    public static func resetPassword(on app: Application, email: String) async throws -> String {
        let person = try await app.accounts.person(withEmail: email)
        let password = try await app.accounts.resetPassword(of: person)
        try await record(app, action: "person.password_reset", person: person)
        return password
    }

    private static func record(_ app: Application, action: String, person: Person) async throws {
        try await AuditEvent(occurredAt: app.clock.now(), actorID: nil, actorLabel: "cove command line",
                             organisationID: person.$organisation.id, action: action, recordType: "person",
                             recordID: person.id?.uuidString, detail: nil).create(on: app.db)
    }
}

/// The directory commands of the CLI: the same checks and history as the admin pages.
public enum CoveDirectory {
    public struct ImportOutcome: Sendable {
        public let added: Int
        public let changed: Int
        public let removed: Int
        public let unchanged: Int
    }

    /// Validates the file whole, then replaces the directory with it in one transaction (or only
    /// reports what would change, when `dryRun`). Throws `DirectoryImportErrors` naming lines and fields.
    public static func importFile(_ data: Data, format: DirectoryFileFormat, on app: Application, dryRun: Bool,
                                  progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> ImportOutcome {
        let records = try format.records(from: data, knownCountries: app.directoryReference.knownCountries).get()
        let summary = try await app.helplineDirectory.replaceAll(with: records, by: .commandLine, dryRun: dryRun, progress: progress)
        if !dryRun {
            try await AuditEvent(occurredAt: app.clock.now(), actorID: nil, actorLabel: "cove command line",
                                 organisationID: nil, action: "directory.imported", recordType: "directory",
                                 recordID: nil, detail: "rows=\(records.count)").create(on: app.db)
        }
        return ImportOutcome(added: summary.added.count, changed: summary.changed.count,
                             removed: summary.removed.count, unchanged: summary.unchanged.count)
    }

    public static func export(on app: Application, as format: DirectoryFileFormat) async throws -> Data {
        try format.data(for: try await app.helplineDirectory.records())
    }
}
