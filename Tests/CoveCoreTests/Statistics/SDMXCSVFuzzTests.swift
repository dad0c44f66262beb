import Foundation
import Testing
@testable import CoveCore

private typealias F = SDMXFixtures

/// Bytes the mutations draw from: CSV syntax, separators people use by mistake, and pieces of
/// UTF-8 that are invalid on their own (a lone continuation byte, truncated lead bytes, 0xFF).
private let damage: [UInt8] = [0x22, 0x2C, 0x3B, 0x09, 0x0A, 0x0D, 0x3A, 0x20, 0x41, 0x2D, 0x31, 0x5F, 0xFF, 0xC3, 0x80, 0xE2, 0x00]

/// Lines as `CSVTable` counts them: one more than the line breaks (CR, LF or CRLF).
private func byteLineCount(_ bytes: [UInt8]) -> Int {
    var breaks = 0
    for (index, byte) in bytes.enumerated() {
        let followedByLF = index + 1 < bytes.count && bytes[index + 1] == 0x0A
        if byte == 0x0A || (byte == 0x0D && !followedByLF) { breaks += 1 }
    }
    return breaks + 1
}

/// Files built to hurt, each with the problem it must get. An odd number of quotes never closes;
/// an even number is one long quoted name.
private let hostileFiles: [([UInt8], SubmissionProblem.Code)] = [
    (Array(repeating: UInt8(ascii: "\""), count: 50_001), .malformedCSV),
    (Array(repeating: UInt8(ascii: "\""), count: 50_000), .fieldTooLong),
    (Array(repeating: UInt8(ascii: "\r"), count: 50_000), .emptyFile),
    (Array(repeating: UInt8(ascii: ","), count: 50_000), .emptyFile),
    (Array(repeating: UInt8(ascii: ";"), count: 50_000), .wrongSeparator),
    (Array(repeating: UInt8(ascii: "x"), count: 50_000), .fieldTooLong),
    (Array(repeating: 0, count: 1_000), .missingColumn),
    (Array(repeating: UInt8(ascii: "a"), count: 100_001), .fileTooLarge),
    ([0xEF, 0xBB, 0xBF], .emptyFile),
    ([0xC0, 0x80], .badUTF8),
    ([0xED, 0xA0, 0x80], .badUTF8),
    ([0xF4, 0x90, 0x80, 0x80], .badUTF8),
    (Array("REF_AREA,FREQ\n\"".utf8) + [0xE2, 0x82], .badUTF8),
]

/// Seeded random damage of the kinds a submission meets on its way from a spreadsheet.
private struct Mutator {
    var random: SplitMix64

    mutating func mutated(_ bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        for _ in 0..<Int.random(in: 1...2, using: &random) {
            result = mutatedOnce(result)
        }
        return result
    }

    private mutating func mutatedOnce(_ bytes: [UInt8]) -> [UInt8] {
        switch Int.random(in: 0..<16, using: &random) {
        case 0..<5: return random.mutated(bytes, from: damage)
        case 5, 6: return separatorsSwapped(bytes)
        case 7:
            // A little over or under the 10,000-byte cap, wherever it lands.
            let length = Int.random(in: 9_990...10_020, using: &random)
            return inserting(Array(repeating: UInt8(ascii: "9"), count: length), into: bytes)
        case 8, 9: return lineDuplicated(bytes)
        case 10: return Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &random)))
        case 11, 12: return inserting([0x22], into: bytes)
        case 13: return inserting(randomBytes(), into: bytes)
        case 14: return lineRemoved(bytes)
        default: return valueReplaced(bytes)
        }
    }

    private mutating func randomBytes() -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<Int.random(in: 1...8, using: &random) {
            bytes.append(UInt8.random(in: 0...255, using: &random))
        }
        return bytes
    }

    /// Commas to semicolons or tabs, in the whole file or from a random point on.
    private mutating func separatorsSwapped(_ bytes: [UInt8]) -> [UInt8] {
        let separator: UInt8 = Bool.random(using: &random) ? 0x3B : 0x09
        let start = Bool.random(using: &random) ? 0 : Int.random(in: 0...bytes.count, using: &random)
        return bytes.enumerated().map { $0.offset >= start && $0.element == 0x2C ? separator : $0.element }
    }

    private mutating func inserting(_ piece: [UInt8], into bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        let position = Int.random(in: 0...bytes.count, using: &random)
        result.insert(contentsOf: piece, at: position)
        return result
    }

    private mutating func lineDuplicated(_ bytes: [UInt8]) -> [UInt8] {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0) }
        let index = Int.random(in: 0..<lines.count, using: &random)
        let position = Int.random(in: 0...lines.count, using: &random)
        lines.insert(lines[index], at: position)
        return Array(lines.joined(separator: [0x0A]))
    }

    private mutating func lineRemoved(_ bytes: [UInt8]) -> [UInt8] {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0) }
        let index = Int.random(in: 0..<lines.count, using: &random)
        lines.remove(at: index)
        return Array(lines.joined(separator: [0x0A]))
    }

    /// One occurrence of a valid value turned into a plausible mistake.
    private mutating func valueReplaced(_ bytes: [UInt8]) -> [UInt8] {
        let swaps: [(String, String)] = [("120", "-120"), ("2025-Q1", "2025-Q5"), ("KE", "XX"), ("80", "8O"), ("205", "206"),
                                         ("(1.0)", "(2.0)"), (",I,", ",D,"), ("10", "1e999"), (",F,", ",,")]
        let (from, to) = swaps[Int.random(in: 0..<swaps.count, using: &random)]
        let text = String(decoding: bytes, as: UTF8.self)
        guard let range = text.range(of: from) else { return bytes }
        return Array(text.replacingCharacters(in: range, with: to).utf8)
    }
}

@Suite("SDMX-CSV fuzzing")
struct SDMXCSVFuzzTests {
    private let reader = SDMXCSVReader(structure: F.structure, limits: .init(maximumFileBytes: 100_000))

    @Test func theUnmutatedFilesAreRead() throws {
        for text in F.validFiles {
            #expect(try !reader.observations(from: text).get().isEmpty)
        }
    }

    /// Thousands of damaged files never crash or hang the reader: each is read, or refused with
    /// at least one problem that points into the file and says something.
    @Test func mutatedFilesAreReadOrRefusedWithALineAndAMessage() {
        var mutator = Mutator(random: SplitMix64(state: 0x5D3C_F00D))
        var read = 0
        var codes = Set<SubmissionProblem.Code>()
        for round in 0..<3_000 {
            let bytes = mutator.mutated(Array(F.validFiles[round % F.validFiles.count].utf8))
            let result = reader.observations(from: Data(bytes))
            switch result {
            case .success(let observations):
                read += 1
                #expect(!observations.isEmpty)
            case .failure(let failure):
                #expect(!failure.problems.isEmpty)
                let lines = byteLineCount(bytes)
                for problem in failure.problems {
                    codes.insert(problem.code)
                    #expect(problem.line >= 1 && problem.line <= lines, "\(problem) in \(bytes.count) bytes")
                    #expect(!problem.message.isEmpty)
                    #expect((problem.column ?? 1) >= 1)
                }
            }
            // Dictionaries iterate in a different order on every run; the report must not.
            if round % 10 == 0 {
                #expect(reader.observations(from: Data(bytes)) == result)
            }
        }
        #expect(read > 0)
        let expected: Set<SubmissionProblem.Code> = [.badUTF8, .wrongSeparator, .malformedCSV, .fieldTooLong, .duplicateKey,
                                                     .unknownCode, .badPeriod, .negativeValue, .ruleBroken, .wrongDataflow]
        #expect(codes.isSuperset(of: expected), "never produced: \(expected.subtracting(codes))")
    }

    @Test(arguments: hostileFiles)
    func hostileFilesGetAClearProblem(bytes: [UInt8], code: SubmissionProblem.Code) {
        let problems = F.problems(Data(bytes), reader: reader)
        #expect(problems.first?.code == code, "\(problems)")
        #expect(problems.allSatisfy { $0.line >= 1 && !$0.message.isEmpty })
    }
}
