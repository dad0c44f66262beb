import CoveCore
import Crypto
import Foundation
import Vapor

/// Checks six-digit TOTP codes (RFC 6238, SHA-1, 30-second steps), allowing one step of clock
/// drift either way and refusing any step at or before the last one used.
enum TOTPVerifier {
    static let period: TimeInterval = 30

    static func makeSecret() -> String {
        [UInt8].random(count: 20).base32String()
    }

    /// The time step a code matches, or nil.
    static func matchingStep(code: String, secret: String, at now: Date, after lastStep: Int?) -> Int? {
        let digits = code.filter(\.isNumber)
        guard digits.count == 6, let key = [UInt8](decodingBase32: secret) else { return nil }
        let hotp = HOTP(key: SymmetricKey(data: key), digest: .sha1, digits: .six)
        let current = Int(now.timeIntervalSince1970 / period)
        for step in [current, current - 1, current + 1] where step > (lastStep ?? -1) {
            if ConstantTime.isEqual(hotp.generate(counter: UInt64(step)).utf8, digits.utf8) {
                return step
            }
        }
        return nil
    }
}
