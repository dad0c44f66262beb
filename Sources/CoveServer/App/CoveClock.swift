import Foundation
import Vapor

/// The time as Cove sees it. Tests replace it to step over lock-outs and session expiry.
public struct CoveClock: Sendable {
    public var now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    public static let system = CoveClock { Date() }
}

extension Application {
    private struct ClockKey: StorageKey { typealias Value = CoveClock }

    public var clock: CoveClock {
        get { storage[ClockKey.self] ?? .system }
        set { storage[ClockKey.self] = newValue }
    }
}

extension Request {
    var now: Date { application.clock.now() }
}
