import CoveCore
import Foundation
import Logging

/// Sets up swift-log once per process, as text for people or JSON for collectors.
public enum CoveLogging {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var done = false

    /// swift-log may be set up only once per process; later calls keep the first setup.
    public static func bootstrapOnce(_ settings: Settings) {
        lock.lock()
        defer { lock.unlock() }
        guard !done else { return }
        done = true
        bootstrap(settings)
    }

    static func bootstrap(_ settings: Settings) {
        let level = Logger.Level(rawValue: settings.logLevel) ?? .info
        switch settings.logFormat {
        case .json:
            LoggingSystem.bootstrap { JSONLogHandler(label: $0, level: level) }
        case .text:
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }
}
