import Crypto
import Foundation
import Testing
@testable import CoveCore

@Suite("Data key")
struct DataKeyTests {
    /// The bytes 0x00 to 0x1f, the same key the Python-made vectors in the other suites use.
    static let sequentialKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="

    @Test func aBase64KeyWithSurroundingWhitespaceIsRead() throws {
        let padded = try DataKey(base64: "  \(Self.sequentialKey)\n")
        let exact = try DataKey(base64: Self.sequentialKey)

        #expect(IdentifierHasher(key: padded).hash("+254712345678", channel: "sms")
            == IdentifierHasher(key: exact).hash("+254712345678", channel: "sms"))
    }

    @Test func aKeyOfTheWrongLengthNamesTheVariableAndTheLength() {
        let twelveBytes = Data(repeating: 7, count: 12).base64EncodedString()

        #expect(throws: DataKeyError.wrongLength(.environment, byteCount: 12)) {
            try DataKey(base64: twelveBytes)
        }
        let message = DataKeyError.wrongLength(.environment, byteCount: 12).description
        #expect(message.contains("COVE_DATA_KEY"))
        #expect(message.contains("32 bytes"))
        #expect(message.contains("openssl rand -base64 32"))
        #expect(message.contains("got 12 bytes"))
    }

    @Test func textThatIsNotBase64IsRefusedWithoutEchoingIt() {
        let value = "correct-horse-battery-staple!"

        #expect {
            try DataKey(base64: value)
        } throws: { error in
            let keyError = error as? DataKeyError
            return keyError == .notBase64(.environment)
                && keyError?.description.contains("COVE_DATA_KEY") == true
                && keyError?.description.contains(value) == false
        }
    }

    @Test func anEmptyValueIsAZeroByteKey() {
        #expect(throws: DataKeyError.wrongLength(.environment, byteCount: 0)) {
            try DataKey(base64: " ")
        }
    }

    @Test func eachPurposeGetsItsOwnKey() throws {
        let key = try DataKey(base64: Self.sequentialKey)
        let master = SymmetricKey(data: Data(base64Encoded: Self.sequentialKey)!)

        #expect(key.sealingKey != key.identifierHashingKey)
        #expect(key.sealingKey != master)
        #expect(key.identifierHashingKey != master)
        #expect(Set(DataKey.Purpose.allCases.map(\.rawValue)).count == DataKey.Purpose.allCases.count)
    }

    @Test func printingAKeyRevealsNothing() throws {
        let key = try DataKey(base64: Self.sequentialKey)

        let printed = ["\(key)", String(reflecting: key), { var out = ""; dump(key, to: &out); return out }()]

        for text in printed {
            #expect(text.contains("redacted"))
            #expect(!text.contains("AAECAw"))
            #expect(!text.contains("SymmetricKey"))
        }
    }

    @Test func ephemeralKeysDiffer() {
        let first = IdentifierHasher(key: .ephemeral()).hash("+254712345678", channel: "sms")
        let second = IdentifierHasher(key: .ephemeral()).hash("+254712345678", channel: "sms")

        #expect(first != second)
    }
}
