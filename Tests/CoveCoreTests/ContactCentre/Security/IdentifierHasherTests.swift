import Foundation
import Testing
@testable import CoveCore

@Suite("Identifier hasher")
struct IdentifierHasherTests {
    let hasher = IdentifierHasher(key: .ephemeral())

    @Test(arguments: [
        "+254 712 345 678",
        "+254-712-345-678",
        "(+254) 712.345.678",
        " +254712345678\n",
        "whatsapp:+254712345678",
        "WhatsApp:+254 712 345678",
        "tel:+254712345678",
        "+254\u{00A0}712\u{00A0}345\u{00A0}678",
    ])
    func oneNumberWrittenDifferentlyHashesAlike(spelling: String) {
        #expect(hasher.hash(spelling, channel: "sms") == hasher.hash("+254712345678", channel: "sms"))
    }

    @Test func differentNumbersHashDifferently() {
        #expect(hasher.hash("+254712345678", channel: "sms") != hasher.hash("+254712345679", channel: "sms"))
    }

    @Test func handlesIgnoreCaseSpaceAndUnicodeComposition() {
        #expect(hasher.hash(" Amina.K@Example.org ", channel: "email") == hasher.hash("amina.k@example.org", channel: "email"))
        #expect(hasher.hash("Jos\u{00E9}", channel: "messenger") == hasher.hash("jose\u{0301}", channel: "messenger"))
    }

    @Test func digitsOfOtherScriptsAreNotDropped() {
        let first = IdentifierHasher.normalised("\u{0660}\u{0667}\u{0661}\u{0662}")
        let second = IdentifierHasher.normalised("\u{0660}\u{0667}\u{0669}\u{0669}")

        #expect(first != second)
        #expect(!first.isEmpty)
    }

    @Test func theChannelIsPartOfTheHash() {
        #expect(hasher.hash("+254712345678", channel: "sms") != hasher.hash("+254712345678", channel: "whatsapp"))
        #expect(hasher.hash("+254712345678", channel: "SMS") == hasher.hash("+254712345678", channel: "sms"))
    }

    @Test func anotherKeyGivesAnotherHash() {
        let other = IdentifierHasher(key: .ephemeral())

        #expect(other.hash("+254712345678", channel: "sms") != hasher.hash("+254712345678", channel: "sms"))
    }

    @Test func theHashIsSixtyFourLowercaseHexDigits() {
        let hash = hasher.hash("+254712345678", channel: "sms")

        #expect(hash.count == 64)
        #expect(hash.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(!hash.contains("254712345678"))
    }

    /// Made with Python, so the derivation and message format are pinned independently:
    ///   key = HKDF(SHA256, length=32, salt=None, info=b"cove/identifier-hashing/v1").derive(bytes(range(32)))
    ///   hmac.new(key, b"sms:+254712345678", hashlib.sha256).hexdigest()
    @Test func theHashMatchesAnIndependentComputation() throws {
        let hasher = IdentifierHasher(key: try DataKey(base64: DataKeyTests.sequentialKey))

        let hash = hasher.hash("whatsapp:+254 712 345 678", channel: "sms")

        #expect(hash == "1c3ddd7916fd5d6def353ed86bf75b7ac587b31633f3a76b2a28a740ba36d043")
    }
}
