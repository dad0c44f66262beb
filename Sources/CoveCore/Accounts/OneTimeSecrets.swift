/// Makes the human-facing secrets Cove hands out: one-time passwords and recovery codes.
/// Letters that are easily confused when read aloud or on a small screen are left out.
public struct OneTimeSecrets: Sendable {
    static let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")

    public static func password<G: RandomNumberGenerator>(length: Int = 16, using generator: inout G) -> String {
        String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// Recovery codes in two groups of five, e.g. `k3mzp-7qrtx`.
    public static func recoveryCodes<G: RandomNumberGenerator>(count: Int = 10, using generator: inout G) -> [String] {
        (0..<count).map { _ in
            let raw = password(length: 10, using: &generator)
            return "\(raw.prefix(5))-\(raw.suffix(5))"
        }
    }

    /// Accepts what a person types: any case, spaces or missing hyphen.
    public static func normaliseRecoveryCode(_ typed: String) -> String {
        let kept = typed.lowercased().filter { $0.isLetter || $0.isNumber }
        guard kept.count == 10 else { return kept }
        return "\(kept.prefix(5))-\(kept.suffix(5))"
    }
}
