import Foundation

/// Everything an operator can configure, read once at start-up. Every field comes from an
/// environment variable, and the command line may override some of them.
public struct Settings: Sendable, Equatable {
    public enum Database: Sendable, Equatable {
        case sqlite(path: String)
        case sqliteInMemory
        case postgres(url: String)
    }

    public enum LogFormat: String, Sendable, CaseIterable { case text, json }

    public var hostname = "127.0.0.1"
    public var port = 8080
    public var dataDirectory = "./cove-data"
    public var database = Database.sqlite(path: "./cove-data/cove.sqlite")
    public var publicURL: URL?
    public var logLevel = "info"
    public var logFormat = LogFormat.text
    public var sessionIdleMinutes = 30
    public var sessionMaximumHours = 12
    public var passwordHashCost = 12
    public var maximumBodyKilobytes = 512
    public var administratorEmail = "admin@cove.localhost"
    /// The data key in base64; when unset, Cove keeps one in a key file in the data folder.
    public var dataKey: String?

    public init() {}

    /// The address people use to reach Cove; HTTPS there turns on Secure cookies and HSTS.
    public var effectivePublicURL: URL {
        publicURL ?? URL(string: "http://\(hostname):\(port)")!
    }

    public var servesTLS: Bool { effectivePublicURL.scheme?.lowercased() == "https" }

    public static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
}

/// A setting that cannot be used, named the way the operator wrote it.
public struct SettingsError: Error, Equatable, CustomStringConvertible, Sendable {
    public var setting: String
    public var reason: String

    public init(setting: String, reason: String) {
        self.setting = setting
        self.reason = reason
    }

    public var description: String { "Invalid setting \(setting): \(reason)" }
}
