import Crypto
import Foundation
import Vapor

/// Counts attempts per client in a sliding window, in memory only: the client key is a
/// salted hash of the address, kept for minutes and never written anywhere.
actor RateLimiter {
    let limit: Int
    let window: TimeInterval
    private var attempts: [String: [Date]] = [:]

    init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Records an attempt and says whether it is within the limit.
    func allow(_ key: String, at now: Date) -> Bool {
        let recent = (attempts[key] ?? []).filter { now.timeIntervalSince($0) < window }
        if attempts.count > 10_000 { prune(at: now) }
        guard recent.count < limit else {
            attempts[key] = recent
            return false
        }
        attempts[key] = recent + [now]
        return true
    }

    private func prune(at now: Date) {
        attempts = attempts.filter { $0.value.contains { now.timeIntervalSince($0) < window } }
    }
}

extension Application {
    private struct SignInLimiterKey: StorageKey { typealias Value = RateLimiter }
    private struct SaltKey: StorageKey { typealias Value = [UInt8] }

    /// Sign-in attempts per client: generous for a shared office connection, tight for a script.
    var signInLimiter: RateLimiter { storage[SignInLimiterKey.self]! }

    /// A per-process salt, so client keys cannot be turned back into addresses.
    var clientKeySalt: [UInt8] { storage[SaltKey.self]! }

    /// Set once in `configure`: application storage is not safe to fill lazily from requests.
    func configureRateLimits() {
        storage[SignInLimiterKey.self] = RateLimiter(limit: 30, window: 60)
        storage[SaltKey.self] = [UInt8].random(count: 16)
    }
}

extension Request {
    var clientKey: String {
        let address = remoteAddress?.ipAddress ?? "unknown"
        let digest = SHA256.hash(data: application.clientKeySalt + Array(address.utf8))
        return digest.prefix(12).map { String(format: "%02x", $0) }.joined()
    }
}
