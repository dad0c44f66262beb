import CoveCore
import Foundation
import Testing

@Suite("Contact record reader, fuzzed")
struct ContactRecordFuzzTests {
    typealias Fixtures = ContactRecordFixtures

    /// Bytes that break CSV files in the wild: separators, quotes, line ends, bad UTF-8, NUL.
    static let nasty: [UInt8] = [44, 59, 9, 34, 10, 13, 0, 0xC3, 0x28, 0xFF, 0xFE, 0xE2, 0x82]

    private func mutate(_ bytes: [UInt8], using generator: inout SplitMix64) -> [UInt8] {
        var bytes = bytes
        for _ in 0..<Int.random(in: 1...8, using: &generator) where !bytes.isEmpty {
            let at = Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<5, using: &generator) {
            case 0: bytes[at] = Self.nasty.randomElement(using: &generator)!
            case 1: bytes.insert(contentsOf: Array(repeating: Self.nasty.randomElement(using: &generator)!,
                                                   count: Int.random(in: 1...300, using: &generator)), at: at)
            case 2: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...40, using: &generator)))
            case 3: bytes = Array(bytes[..<at])
            default: bytes[at] = UInt8.random(in: 0...255, using: &generator)
            }
        }
        return bytes
    }

    @Test func mangledFilesNeverCrashAndAlwaysSayWhereTheyWentWrong() throws {
        var generator = SplitMix64(state: 2025)
        let taxonomy = try Taxonomy.bundled
        let clean = Array(Fixtures.file(Fixtures.records(40, taxonomy: taxonomy, using: &generator)).utf8)
        for _ in 0..<400 {
            let bytes = mutate(clean, using: &generator)
            let lines = bytes.split(separator: 10, omittingEmptySubsequences: false).count
            var reader = ContactRecordReader(taxonomy: taxonomy, helplines: Fixtures.helplines)
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + Int.random(in: 1...512, using: &generator))
                bytes[start..<end].withUnsafeBytes { reader.consume($0) }
                start = end
            }
            do {
                let tally = try reader.finish()
                #expect(tally.records <= lines)
            } catch {
                #expect(!error.problems.isEmpty)
                #expect(error.problems.count <= ContactRecordReader.maximumProblems)
                #expect(error.problems.allSatisfy { (1...lines).contains($0.line) && !$0.reason.isEmpty })
            }
        }
    }
}
