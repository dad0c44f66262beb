import Foundation
import Testing
@testable import CoveCore

@Suite("Sealer")
struct SealerTests {
    let sealer = Sealer(key: .ephemeral())
    let context = "message:6F1C1A2E-3B4D-4E5F-8A9B-0C1D2E3F4A5B"

    @Test(arguments: [
        "",
        "I need to talk to someone",
        "\u{0623}\u{062D}\u{062A}\u{0627}\u{062C} \u{0645}\u{0633}\u{0627}\u{0639}\u{062F}\u{0629}",
        "\u{1F622}\u{1F3F3}\u{FE0F}\u{200D}\u{1F308} \u{1F64F}",
        "\u{6211}\u{9700}\u{8981}\u{5E2E}\u{52A9}\n\u{041F}\u{043E}\u{043C}\u{043E}\u{0433}\u{0438}\u{0442}\u{0435}",
        String(repeating: "long transcript line\n", count: 5_000),
    ])
    func textComesBackAsSealed(text: String) throws {
        let sealed = try sealer.seal(text, context: context)

        let opened = try sealer.open(sealed, context: context)

        #expect(opened == text)
        #expect(sealed.first == 0x01)
        #expect(sealed.count == Sealer.minimumByteCount + text.utf8.count)
    }

    @Test func sealingTheSameTextTwiceGivesDifferentValues() throws {
        let first = try sealer.seal("same words", context: context)
        let second = try sealer.seal("same words", context: context)

        #expect(first != second)
        #expect(first[1..<13] != second[1..<13])
        #expect(try sealer.open(second, context: context) == "same words")
    }

    @Test func aValueMovedToAnotherRecordDoesNotOpen() throws {
        let sealed = try sealer.seal("case note", context: "note:1")

        #expect(throws: SealingError.authenticationFailed) {
            try sealer.open(sealed, context: "note:2")
        }
    }

    /// Bytes 1 and 12 are the ends of the nonce, 13 starts the ciphertext, the last ends the tag.
    @Test(arguments: [1, 12, 13, -1])
    func anAlteredByteIsDetected(offset: Int) throws {
        var sealed = try sealer.seal("do not change me", context: context)
        let index = offset < 0 ? sealed.count + offset : offset

        sealed[index] ^= 0x01

        #expect(throws: SealingError.authenticationFailed) {
            try sealer.open(sealed, context: context)
        }
    }

    @Test func anotherKeyCannotOpen() throws {
        let sealed = try sealer.seal("private", context: context)

        #expect(throws: SealingError.authenticationFailed) {
            try Sealer(key: .ephemeral()).open(sealed, context: context)
        }
    }

    @Test func anUnknownFormatIsNamedNotTried() throws {
        var sealed = try sealer.seal("private", context: context)
        sealed[0] = 0x02

        #expect(throws: SealingError.unknownVersion(2)) {
            try sealer.open(sealed, context: context)
        }
    }

    @Test(arguments: [0, 1, 28])
    func truncatedValuesAreTooShort(length: Int) throws {
        let sealed = try sealer.seal("", context: context)

        #expect(throws: SealingError.tooShort(byteCount: length)) {
            try sealer.open(sealed.prefix(length), context: context)
        }
    }

    @Test func aSliceOfLargerDataOpens() throws {
        let sealed = try sealer.seal("inside a row", context: context)
        let row = Data([0xAA, 0xBB]) + sealed + Data([0xCC])

        let opened = try sealer.open(row[2..<(2 + sealed.count)], context: context)

        #expect(opened == "inside a row")
    }

    @Test func errorsCarryNoneOfTheText() throws {
        var sealed = try sealer.seal("my secret words", context: context)
        sealed[20] ^= 0xFF

        #expect {
            try sealer.open(sealed, context: context)
        } throws: { error in
            let description = String(describing: error)
            return description.contains("the data key does not match or the record was altered")
                && !description.contains("secret") && !description.contains(context)
        }
    }

    /// Made with Python's `cryptography` package, so the format is pinned independently of this
    /// code: HKDF-SHA256 (no salt, info "cove/sealing/v1", 32 bytes) of the key 0x00…0x1f, then
    ///   nonce = bytes(range(100, 112))
    ///   b"\x01" + nonce + AESGCM(key).encrypt(nonce, text.encode(), b"\x01" + context.encode())
    @Test func aValueSealedElsewhereWithTheSameKeyOpens() throws {
        let key = try DataKey(base64: DataKeyTests.sequentialKey)
        let sealed = Data(base64Encoded: "AWRlZmdoaWprbG1ub5gDHeuxjK8x8iloywRX/pN4sBSxJZkfTFsGpSMqxYNYn+0NR8mE5s/wA23216wYC1dKwECLZG6J+oaKbQA/ivAAwQ==")!

        let opened = try Sealer(key: key).open(sealed, context: context)

        #expect(opened == "Ninahitaji msaada \u{2014} \u{0623}\u{062D}\u{062A}\u{0627}\u{062C} \u{0645}\u{0633}\u{0627}\u{0639}\u{062F}\u{0629} \u{1F64F}")
    }
}
