/// Rules for passwords people choose. Length beats composition rules (NIST SP 800-63B §5.1.1.2),
/// so we ask for a long password and refuse only the ones attackers try first.
public struct PasswordPolicy: Sendable {
    public enum Violation: Error, Equatable, Sendable {
        case tooShort(minimum: Int)
        case tooCommon
        case sameAsCurrent
        case mismatch
    }

    public var minimumLength: Int

    public init(minimumLength: Int = 12) {
        self.minimumLength = minimumLength
    }

    public func check(new: String, confirmation: String, current: String? = nil) -> Violation? {
        if new != confirmation { return .mismatch }
        if new.count < minimumLength { return .tooShort(minimum: minimumLength) }
        if let current, current == new { return .sameAsCurrent }
        if Self.isCommon(new) { return .tooCommon }
        return nil
    }

    /// A password made of one or two repeated characters, or little more than a well-known stem.
    static func isCommon(_ password: String) -> Bool {
        let lowered = password.lowercased()
        if Set(lowered).count <= 2 { return true }
        // What is left once a well-known stem is taken out, however often it repeats.
        return commonStems.contains { lowered.contains($0) && lowered.replacingOccurrences(of: $0, with: "").count <= 4 }
    }

    private static let commonStems = [
        "password", "passw0rd", "123456789", "qwertyuiop", "qwerty123", "azertyuiop",
        "iloveyou", "letmein", "welcome", "admin", "abc123", "1q2w3e4r", "changeme",
        "cove", "helpline", "childline", "abcdefgh", "11111111",
    ]
}
