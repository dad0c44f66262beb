import Testing
@testable import CoveCore

/// Known answers come from ISO/IEC 18004 and the worked examples at
/// thonky.com/qr-code-tutorial; the golden matrix was cross-checked
/// module for module against an independent encoder and decoded by zbar.
@Suite("QR code encoder")
struct QRCodeTests {
    // MARK: Reed–Solomon

    @Test func generatorPolynomialMatchesPublishedExponents() {
        let exponents = { (degree: Int) in
            QRCode.ReedSolomon.generator(degree: degree).map { QRCode.GaloisField.logarithms[Int($0)] }
        }
        #expect(exponents(7) == [87, 229, 146, 149, 238, 102, 21])
        #expect(exponents(10) == [251, 67, 46, 61, 118, 70, 64, 94, 32, 45])
    }

    @Test func errorCorrectionForHelloWorldVersion1Medium() {
        let data: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        let ecc = QRCode.ReedSolomon.errorCorrection(for: data, count: 10)
        #expect(ecc == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    // MARK: Codewords

    @Test func byteModeDataCodewordsArePaddedWithAlternatingPadBytes() {
        // 0100 | 00000010 | 'h' 01101000 | 'i' 01101001 | 0000, then EC 11 …
        let data = QRCode.Codewords.data(for: Array("hi".utf8), version: QRCode.Version(1), correction: .medium)
        #expect(data == [0x40, 0x26, 0x86, 0x90] + Array(repeating: [0xEC, 0x11], count: 6).joined())
    }

    @Test func interleavingTakesOneCodewordFromEachBlockInTurn() {
        // Version 5-Q: two blocks of 15 then two of 16 data codewords.
        let version = QRCode.Version(5)
        let data = (0..<62).map { UInt8($0) }
        let blocks = QRCode.Codewords.split(data, version: version, correction: .quartile)
        #expect(blocks.map(\.count) == [15, 15, 16, 16])
        let all = QRCode.Codewords.interleaved(data, version: version, correction: .quartile)
        #expect(all.count == version.totalCodewords)
        #expect(Array(all.prefix(6)) == [0, 15, 30, 46, 1, 16])
        #expect(Array(all[56..<62]) == [14, 29, 44, 60, 45, 61])  // only long blocks have a 16th
    }

    // MARK: Versions and capacity

    @Test(arguments: [
        (QRCode.ErrorCorrection.low, 1, 17), (.medium, 1, 14), (.quartile, 1, 11), (.high, 1, 7),
        (.medium, 10, 213), (.quartile, 20, 482), (.low, 40, 2953), (.medium, 40, 2331), (.high, 40, 1273),
    ])
    func byteCapacityMatchesStandardTable(correction: QRCode.ErrorCorrection, version: Int, bytes: Int) {
        #expect(QRCode.Version(version).canHold(bytes, correction: correction))
        #expect(!QRCode.Version(version).canHold(bytes + 1, correction: correction))
    }

    @Test func rawModuleFormulaMatchesDrawnLayout() {
        for number in QRCode.Version.supported {
            let grid = QRCode.Grid(version: QRCode.Version(number))
            #expect(grid.isFunction.filter { !$0 }.count == QRCode.Version(number).rawDataModules, "v\(number)")
        }
        #expect([1, 7, 14, 40].map { QRCode.Version($0).totalCodewords } == [26, 196, 581, 3706])
    }

    @Test func alignmentPatternCentresMatchStandardTable() {
        #expect(QRCode.Version(1).alignmentPatternCentres == [])
        #expect(QRCode.Version(2).alignmentPatternCentres == [6, 18])
        #expect(QRCode.Version(7).alignmentPatternCentres == [6, 22, 38])
        #expect(QRCode.Version(32).alignmentPatternCentres == [6, 34, 60, 86, 112, 138])
        #expect(QRCode.Version(40).alignmentPatternCentres == [6, 30, 58, 86, 114, 142, 170])
    }

    @Test func smallestSufficientVersionIsChosen() throws {
        #expect(try QRCode(encoding: "a").size == 21)
        #expect(try QRCode(encoding: String(repeating: "a", count: 14)).size == 21)
        #expect(try QRCode(encoding: String(repeating: "a", count: 15)).size == 25)
        #expect(try QRCode(encoding: String(repeating: "a", count: 15), correction: .low).size == 21)
        #expect(try QRCode(encoding: Self.enrolmentURI).size == 49)  // 130 bytes → version 8
        // Size follows UTF-8 bytes, not characters: 8 × "é" is 16 bytes.
        #expect(try QRCode(encoding: String(repeating: "é", count: 8)).size == 25)
    }

    @Test func textBeyondVersion40Throws() throws {
        #expect(try QRCode(encoding: String(repeating: "a", count: 2331)).size == 177)
        #expect(throws: QRCode.EncodingError.tooLong(bytes: 2332)) {
            try QRCode(encoding: String(repeating: "a", count: 2332))
        }
        #expect(throws: QRCode.EncodingError.tooLong(bytes: 1274)) {
            try QRCode(encoding: String(repeating: "a", count: 1274), correction: .high)
        }
    }

    // MARK: Format and version information

    @Test func formatInformationMatchesStandardTable() {
        let medium = (0..<8).map { QRCode.formatInformation(correction: .medium, mask: $0) }
        #expect(medium == [
            0b101010000010010, 0b101000100100101, 0b101111001111100, 0b101101101001011,
            0b100010111111001, 0b100000011001110, 0b100111110010111, 0b100101010100000,
        ])
        #expect(QRCode.formatInformation(correction: .low, mask: 4) == 0b110011000101111)
        #expect(QRCode.formatInformation(correction: .quartile, mask: 0) == 0b011010101011111)
        #expect(QRCode.formatInformation(correction: .high, mask: 7) == 0b000100000111011)
    }

    @Test func versionInformationMatchesStandardTable() {
        #expect(QRCode.versionInformation(version: 7) == 0x07C94)
        #expect(QRCode.versionInformation(version: 8) == 0x085BC)
        #expect(QRCode.versionInformation(version: 20) == 0x149A6)
        #expect(QRCode.versionInformation(version: 40) == 0x28C69)
    }

    @Test(arguments: [QRCode.ErrorCorrection.low, .medium, .quartile, .high])
    func symbolCarriesBothFormatCopies(correction: QRCode.ErrorCorrection) throws {
        let code = try QRCode(encoding: "format check", correction: correction)
        let expected = QRCode.formatInformation(correction: correction, mask: code.mask)
        // Standard positions, most significant bit first.
        let firstCopy = [(8, 0), (8, 1), (8, 2), (8, 3), (8, 4), (8, 5), (8, 7), (8, 8),
                         (7, 8), (5, 8), (4, 8), (3, 8), (2, 8), (1, 8), (0, 8)]
        let s = code.size
        let secondCopy = (0..<7).map { (s - 1 - $0, 8) } + (0..<8).map { (8, s - 8 + $0) }
        for copy in [firstCopy, secondCopy] {
            let word = copy.reduce(0) { $0 << 1 | (code.isDark(row: $1.0, column: $1.1) ? 1 : 0) }
            #expect(word == expected)
        }
        #expect(code.isDark(row: s - 8, column: 8))  // the fixed dark module
    }

    @Test func version7SymbolCarriesVersionBlocks() throws {
        let code = try QRCode(encoding: String(repeating: "v", count: 110))  // 110 bytes at M → v7
        #expect(code.version == 7 && code.size == 45)
        var topRight = 0, bottomLeft = 0
        for index in (0..<18).reversed() {
            topRight = topRight << 1 | (code.isDark(row: index / 3, column: 34 + index % 3) ? 1 : 0)
            bottomLeft = bottomLeft << 1 | (code.isDark(row: 34 + index % 3, column: index / 3) ? 1 : 0)
        }
        #expect(topRight == 0x07C94 && bottomLeft == 0x07C94)
    }

    // MARK: Function patterns

    @Test func finderPatternsSeparatorsAndTimingAreDrawn() throws {
        let code = try QRCode(encoding: Self.enrolmentURI)
        let s = code.size
        for (top, left) in [(0, 0), (0, s - 7), (s - 7, 0)] {
            for row in -1...7 {
                for column in -1...7 {
                    let ring = max(abs(row - 3), abs(column - 3))  // 0–1 core, 2 light, 3 border, 4 separator
                    let dark = ring != 2 && ring != 4
                    #expect(code.isDark(row: top + row, column: left + column) == dark)
                }
            }
        }
        for index in 8..<(s - 8) {
            #expect(code.isDark(row: 6, column: index) == index.isMultiple(of: 2))
            #expect(code.isDark(row: index, column: 6) == index.isMultiple(of: 2))
        }
        #expect(!code.isDark(row: -1, column: 0) && !code.isDark(row: 0, column: s))  // quiet zone
    }

    // MARK: Masking

    @Test func maskPatternsFollowTheirFormulas() {
        #expect(QRCode.maskFlips(0, row: 0, column: 0) && !QRCode.maskFlips(0, row: 0, column: 1))
        #expect(QRCode.maskFlips(1, row: 2, column: 5) && !QRCode.maskFlips(1, row: 3, column: 5))
        #expect(QRCode.maskFlips(2, row: 1, column: 3) && !QRCode.maskFlips(2, row: 1, column: 4))
        #expect(QRCode.maskFlips(4, row: 1, column: 2) && !QRCode.maskFlips(4, row: 2, column: 2))
        #expect(QRCode.maskFlips(5, row: 6, column: 1) && !QRCode.maskFlips(5, row: 1, column: 1))
        #expect(QRCode.maskFlips(7, row: 1, column: 3) && !QRCode.maskFlips(7, row: 1, column: 1))
    }

    @Test func penaltyRulesScoreRunsAndFinderLikePatterns() {
        let line = { (bits: String) in bits.map { $0 == "1" } }
        #expect(QRCode.Grid.runPenalty(line("0000")) == 0)
        #expect(QRCode.Grid.runPenalty(line("11111")) == 3)
        #expect(QRCode.Grid.runPenalty(line("1111110000000")) == 4 + 5)
        #expect(QRCode.Grid.finderLikePenalty(line("10111010000")) == 40)
        #expect(QRCode.Grid.finderLikePenalty(line("00001011101")) == 40)
        #expect(QRCode.Grid.finderLikePenalty(line("1011101")) == 40)  // the quiet zone is light
        #expect(QRCode.Grid.finderLikePenalty(line("000010111011")) == 40)  // one light side suffices
        #expect(QRCode.Grid.finderLikePenalty(line("1110111011101110")) == 0)
    }

    @Test func chosenMaskHasTheLowestPenalty() throws {
        let bytes = Array(Self.enrolmentURI.utf8)
        var grid = QRCode.Grid(version: QRCode.Version(8))
        grid.place(QRCode.Codewords.interleaved(
            QRCode.Codewords.data(for: bytes, version: QRCode.Version(8), correction: .medium),
            version: QRCode.Version(8), correction: .medium))
        let penalties = (0..<8).map { mask in
            var candidate = grid
            candidate.apply(mask: mask)
            candidate.drawFormatInformation(correction: .medium, mask: mask)
            return candidate.penalty()
        }
        let chosen = try QRCode(encoding: Self.enrolmentURI).mask
        #expect(penalties[chosen] == penalties.min())
    }

    // MARK: Whole symbol

    @Test func matchesGoldenMatrix() throws {
        let code = try QRCode(encoding: "Cove 2FA")
        #expect(code.version == 1 && code.mask == 3)
        let rows = (0..<code.size).map { row in
            String((0..<code.size).map { code.isDark(row: row, column: $0) ? "1" : "0" })
        }
        #expect(rows == Self.golden)
    }

    // MARK: SVG

    @Test func svgIsAccessibleEscapedAndStyleFree() throws {
        let svg = try QRCode(encoding: "x").svg(title: #"Scan <Cove> & "set up" 2FA's"#)
        #expect(svg.hasPrefix(#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29""#))
        #expect(svg.contains(#"width="116" height="116""#))
        #expect(svg.contains("Scan &lt;Cove&gt; &amp; &quot;set up&quot; 2FA&apos;s</title>"))
        #expect(!svg.contains("<Cove>") && !svg.contains("style="))
        #expect(svg.contains(#"role="img""#) && svg.contains(##"<rect width="29" height="29" fill="#fff"/>"##))
        #expect(svg.ranges(of: "<path ").count == 1)
        #expect(svg.hasSuffix("</svg>"))
    }

    @Test func svgTitleIsReferencedByID() throws {
        let svg = try QRCode(encoding: "x").svg(title: "t")
        let id = try #require(svg.firstMatch(of: /aria-labelledby="([^"]+)"/)?.1)
        #expect(svg.contains(#"<title id="\#(id)">t</title>"#))
        #expect(try QRCode(encoding: "y").svg(title: "t") != svg)
    }

    @Test func svgPathMergesRowsIntoRunsCoveringEveryDarkModule() throws {
        let code = try QRCode(encoding: Self.enrolmentURI)
        let path = code.pathData(offset: 4)
        #expect(path.hasPrefix("M4 4h7v1h-7z"))  // top row of the top-left finder: one run
        let widths = path.matches(of: /h(\d+)v1/).map { Int($0.1)! }
        var dark = 0
        for row in 0..<code.size {
            for column in 0..<code.size where code.isDark(row: row, column: column) { dark += 1 }
        }
        #expect(widths.reduce(0, +) == dark)
    }

    // MARK: Fixtures

    static let enrolmentURI = "otpauth://totp/Cove:amina%40helpline.example?"
        + "secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Cove&algorithm=SHA1&digits=6&period=30"

    /// "Cove 2FA", version 1-M, mask 3.
    static let golden = [
        "111111101001101111111", "100000101000001000001", "101110100000101011101",
        "101110101111101011101", "101110100010001011101", "100000100100001000001",
        "111111101010101111111", "000000001000000000000", "101101110110001001011",
        "100111010010100101001", "110111110110111100111", "010110010110110001001",
        "011100100001000001000", "000000001010010000001", "111111101010011110100",
        "100000101001111111100", "101110100101001001100", "101110101100010101010",
        "101110101011010101100", "100000100001101001001", "111111101101100010100",
    ]
}
