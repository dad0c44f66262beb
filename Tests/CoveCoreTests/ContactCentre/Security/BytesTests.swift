import Testing
@testable import CoveCore

@Suite("Hex and constant-time comparison")
struct BytesTests {
    @Test func hexRoundTrips() {
        let bytes: [UInt8] = [0x00, 0x0F, 0x10, 0xAB, 0xFF]

        let text = Hex.encode(bytes)

        #expect(text == "000f10abff")
        #expect(Hex.decode(Array(text.utf8)) == bytes)
        #expect(Hex.decode(Array("000F10ABFF".utf8)) == bytes)
        #expect(Hex.decode([UInt8]()) == [])
    }

    @Test(arguments: ["0", "0g", "g0", "0x00", " 00", "\u{0661}\u{0662}"])
    func nonHexIsRefused(text: String) {
        #expect(Hex.decode(Array(text.utf8)) == nil)
    }

    @Test func comparisonFindsDifferencesAnywhere() {
        let reference: [UInt8] = [1, 2, 3, 4]

        #expect(ConstantTime.isEqual(reference, [1, 2, 3, 4]))
        #expect(!ConstantTime.isEqual(reference, [0, 2, 3, 4]))
        #expect(!ConstantTime.isEqual(reference, [1, 2, 3, 5]))
        #expect(!ConstantTime.isEqual(reference, [1, 2, 3]))
        #expect(!ConstantTime.isEqual(reference, [1, 2, 3, 4, 5]))
        #expect(ConstantTime.isEqual([UInt8](), [UInt8]()))
    }
}
