import Crypto
import Foundation

/// Turns a phone number or messaging handle into a keyed hash, so a helpline can see that a
/// child has been in touch before without Cove storing the number.
///
/// The hash is HMAC-SHA256 under the data key's identifier-hashing key of "<channel>:<identifier>",
/// the identifier normalised first so the same number arriving in different spellings links. A
/// plain hash would not do: phone numbers are few enough to hash them all and look one up.
public struct IdentifierHasher: Sendable {
    /// Prefixes providers put before a number, e.g. Twilio's "whatsapp:+254…".
    static let schemes = ["whatsapp:", "tel:"]
    /// What people and providers put between digits.
    static let separators: Set<Character> = [" ", "\u{00A0}", "-", ".", "(", ")"]

    private let key: SymmetricKey

    public init(key: DataKey) {
        self.key = key.identifierHashingKey
    }

    /// 64 lowercase hexadecimal digits for `identifier` reached on `channel`, e.g. "sms" or
    /// "whatsapp". The channel is part of the hash, so one number on two channels gives two.
    /// - Precondition: `channel` is not empty and has no colon, which would make two different
    ///   channel and identifier pairs hash alike.
    public func hash(_ identifier: String, channel: String) -> String {
        precondition(!channel.isEmpty && !channel.contains(":"), "a channel name is a plain word such as sms")
        let message = "\(channel.lowercased()):\(Self.normalised(identifier))"
        return Hex.encode(HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: key))
    }

    /// A phone number as a leading + (if written) and its digits; any other handle trimmed,
    /// in Unicode's composed form and lowercased.
    static func normalised(_ identifier: String) -> String {
        var text = Substring(identifier.trimmingCharacters(in: .whitespacesAndNewlines))
        if let scheme = schemes.first(where: { text.lowercased().hasPrefix($0) }) {
            text = text.dropFirst(scheme.count)
        }
        if let number = phoneNumber(text) { return number }
        return text.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping.lowercased()
    }

    /// Nil unless `text` is only ASCII digits and separators, with at most one + before the first
    /// digit, as in "(+254) 712 345 678". Other scripts' digits are left to the handle rule rather
    /// than dropped, so such identifiers cannot all collapse into one empty number.
    static func phoneNumber(_ text: Substring) -> String? {
        var plus = false
        var digits = ""
        for character in text {
            if character.isASCII && character.isWholeNumber {
                digits.append(character)
            } else if character == "+" && !plus && digits.isEmpty {
                plus = true
            } else if !separators.contains(character) {
                return nil
            }
        }
        guard !digits.isEmpty else { return nil }
        return plus ? "+" + digits : digits
    }
}
