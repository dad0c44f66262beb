import Foundation

extension Settings {
    /// One row of the settings table in the README; tests check the README and the reader against it.
    public struct Variable: Sendable {
        public let name: String
        public let summary: String
    }

    public static let variables: [Variable] = [
        .init(name: "COVE_HOSTNAME", summary: "address to listen on"),
        .init(name: "COVE_PORT", summary: "port to listen on"),
        .init(name: "COVE_DATA_DIR", summary: "folder for the SQLite file and keys"),
        .init(name: "DATABASE_URL", summary: "postgres:// URL; SQLite in the data folder when unset"),
        .init(name: "COVE_PUBLIC_URL", summary: "address people use; https turns on Secure cookies and HSTS"),
        .init(name: "COVE_LOG_LEVEL", summary: "trace, debug, info, notice, warning, error or critical"),
        .init(name: "COVE_LOG_FORMAT", summary: "text or json"),
        .init(name: "COVE_SESSION_IDLE_MINUTES", summary: "sign-out after this long without a request"),
        .init(name: "COVE_SESSION_MAX_HOURS", summary: "sign-out after this long in any case"),
        .init(name: "COVE_PASSWORD_HASH_COST", summary: "bcrypt cost, 4 to 31"),
        .init(name: "COVE_MAX_BODY_KB", summary: "largest request body accepted"),
        .init(name: "COVE_ADMIN_EMAIL", summary: "sign-in name of the first administrator"),
        .init(name: "COVE_DATA_KEY", summary: "AES-256 key (base64) sealing transcripts and notes; a key file in the data folder when unset"),
    ]

    /// Reads settings from environment variables, refusing the first one that is wrong.
    public static func fromEnvironment(_ environment: [String: String]) throws(SettingsError) -> Settings {
        var settings = Settings()
        let reader = EnvironmentReader(environment: environment)
        settings.hostname = try reader.string("COVE_HOSTNAME") ?? settings.hostname
        settings.port = try reader.integer("COVE_PORT", in: 1...65535) ?? settings.port
        settings.dataDirectory = try reader.string("COVE_DATA_DIR") ?? settings.dataDirectory
        settings.database = try reader.database("DATABASE_URL", dataDirectory: settings.dataDirectory)
        settings.publicURL = try reader.httpURL("COVE_PUBLIC_URL")
        settings.logLevel = try reader.choice("COVE_LOG_LEVEL", from: logLevels) ?? settings.logLevel
        if let format = try reader.choice("COVE_LOG_FORMAT", from: LogFormat.allCases.map(\.rawValue)) {
            settings.logFormat = LogFormat(rawValue: format)!
        }
        settings.sessionIdleMinutes = try reader.integer("COVE_SESSION_IDLE_MINUTES", in: 1...1440) ?? settings.sessionIdleMinutes
        settings.sessionMaximumHours = try reader.integer("COVE_SESSION_MAX_HOURS", in: 1...168) ?? settings.sessionMaximumHours
        settings.passwordHashCost = try reader.integer("COVE_PASSWORD_HASH_COST", in: 4...31) ?? settings.passwordHashCost
        settings.maximumBodyKilobytes = try reader.integer("COVE_MAX_BODY_KB", in: 1...102_400) ?? settings.maximumBodyKilobytes
        settings.administratorEmail = try reader.email("COVE_ADMIN_EMAIL") ?? settings.administratorEmail
        settings.dataKey = try reader.dataKey("COVE_DATA_KEY")
        return settings
    }

    /// Applies a command-line value the same way as its environment variable, so both fail alike.
    public mutating func override(_ name: String, with value: String?) throws(SettingsError) {
        guard let value else { return }
        var environment = Self.environment(of: self)
        environment[name] = value
        self = try Self.fromEnvironment(environment)
    }

    /// The environment that would produce these settings; lets overrides reuse the parser.
    static func environment(of settings: Settings) -> [String: String] {
        var environment = [
            "COVE_HOSTNAME": settings.hostname, "COVE_PORT": "\(settings.port)",
            "COVE_DATA_DIR": settings.dataDirectory, "COVE_LOG_LEVEL": settings.logLevel,
            "COVE_LOG_FORMAT": settings.logFormat.rawValue,
            "COVE_SESSION_IDLE_MINUTES": "\(settings.sessionIdleMinutes)",
            "COVE_SESSION_MAX_HOURS": "\(settings.sessionMaximumHours)",
            "COVE_PASSWORD_HASH_COST": "\(settings.passwordHashCost)",
            "COVE_MAX_BODY_KB": "\(settings.maximumBodyKilobytes)",
            "COVE_ADMIN_EMAIL": settings.administratorEmail,
        ]
        if case let .postgres(url) = settings.database { environment["DATABASE_URL"] = url }
        if let url = settings.publicURL { environment["COVE_PUBLIC_URL"] = url.absoluteString }
        if let key = settings.dataKey { environment["COVE_DATA_KEY"] = key }
        return environment
    }
}
