import Foundation

/// When repeated wrong passwords lock an account, and for how long.
public struct LockoutPolicy: Sendable {
    public var maximumFailures: Int
    public var lockDuration: TimeInterval

    public init(maximumFailures: Int = 5, lockDuration: TimeInterval = 15 * 60) {
        self.maximumFailures = maximumFailures
        self.lockDuration = lockDuration
    }

    public struct State: Equatable, Sendable {
        public var failedAttempts: Int
        public var lockedUntil: Date?

        public init(failedAttempts: Int = 0, lockedUntil: Date? = nil) {
            self.failedAttempts = failedAttempts
            self.lockedUntil = lockedUntil
        }
    }

    public func isLocked(_ state: State, at now: Date) -> Bool {
        guard let until = state.lockedUntil else { return false }
        return until > now
    }

    /// Whole minutes left, rounded up, so the message never says "0 minutes".
    public func minutesRemaining(_ state: State, at now: Date) -> Int {
        guard let until = state.lockedUntil, until > now else { return 0 }
        return Int((until.timeIntervalSince(now) / 60).rounded(.up))
    }

    /// The state after a wrong password. An expired lock starts a fresh count.
    public func recordingFailure(_ state: State, at now: Date) -> State {
        var next = state
        if let until = state.lockedUntil, until <= now {
            next = State()
        }
        next.failedAttempts += 1
        if next.failedAttempts >= maximumFailures {
            next.lockedUntil = now.addingTimeInterval(lockDuration)
        }
        return next
    }

    public func recordingSuccess(_ state: State) -> State { State() }
}
