import ArgumentParser
import CoveCore
import CoveServer
import Foundation
import Vapor

/// Options every command shares; each overrides the environment variable named in its help.
struct CommonOptions: ParsableArguments {
    @ArgumentParser.Option(name: .customLong("data-dir"), help: "Folder for the SQLite database (COVE_DATA_DIR).")
    var dataDirectory: String?

    @ArgumentParser.Option(name: .customLong("database-url"), help: "postgres:// URL; SQLite when unset (DATABASE_URL).")
    var databaseURL: String?

    @ArgumentParser.Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (COVE_LOG_LEVEL).")
    var logLevel: String?

    @ArgumentParser.Option(name: .customLong("log-format"), help: "text or json (COVE_LOG_FORMAT).")
    var logFormat: String?

    /// Environment first, then flags; a bad value names the flag or variable it came from.
    func settings(hostname: String? = nil, port: String? = nil,
                  environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Settings {
        var settings = try Settings.fromEnvironment(environment)
        let overrides: [(flag: String, variable: String, value: String?)] = [
            ("--data-dir", "COVE_DATA_DIR", dataDirectory), ("--database-url", "DATABASE_URL", databaseURL),
            ("--log-level", "COVE_LOG_LEVEL", logLevel), ("--log-format", "COVE_LOG_FORMAT", logFormat),
            ("--hostname", "COVE_HOSTNAME", hostname), ("--port", "COVE_PORT", port),
        ]
        for override in overrides {
            do {
                try settings.override(override.variable, with: override.value)
            } catch {
                throw SettingsError(setting: override.flag, reason: error.reason)
            }
        }
        return settings
    }
}

/// Runs `body` with a configured application and shuts it down afterwards, whatever happens.
/// Settings problems end the program with one line that names the setting.
func withApplication<T>(_ settings: () throws -> Settings, arguments: [String] = ["cove"],
                        _ body: (Application) async throws -> T) async throws -> T {
    let resolved: Settings
    do {
        resolved = try settings()
    } catch let error as SettingsError {
        // One line naming the setting, not a usage dump: the flags were fine, a value was not.
        FileHandle.standardError.write(Data("cove: \(error.description)\n".utf8))
        throw ExitCode(78) // EX_CONFIG
    }
    CoveLogging.bootstrapOnce(resolved)
    let app = try await CoveApplication.make(settings: resolved, arguments: arguments)
    do {
        let result = try await body(app)
        try await app.asyncShutdown()
        return result
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
}
