extension QRCode {
    /// Whether mask pattern `mask` (0...7) flips the module at `row`,
    /// `column`, per ISO/IEC 18004 table 10.
    static func maskFlips(_ mask: Int, row: Int, column: Int) -> Bool {
        switch mask {
        case 0: (row + column) % 2 == 0
        case 1: row % 2 == 0
        case 2: column % 3 == 0
        case 3: (row + column) % 3 == 0
        case 4: (row / 2 + column / 3) % 2 == 0
        case 5: (row * column) % 2 + (row * column) % 3 == 0
        case 6: ((row * column) % 2 + (row * column) % 3) % 2 == 0
        case 7: ((row + column) % 2 + (row * column) % 3) % 2 == 0
        default: preconditionFailure("masks are 0...7")
        }
    }
}

extension QRCode.Grid {
    /// XORs the data modules with mask pattern `mask`.
    mutating func apply(mask: Int) {
        flipDataModules { QRCode.maskFlips(mask, row: $0, column: $1) }
    }

    /// The mask whose finished symbol has the lowest penalty; ties go to
    /// the lower mask number.
    ///
    /// Masking breaks up patterns that confuse readers: large flat areas,
    /// long runs and shapes that look like finder patterns. Each candidate
    /// is scored as it would be printed, format information included (as
    /// ZXing does); encoders that score before drawing it may pick another
    /// mask, and both are valid.
    func bestMask(correction: QRCode.ErrorCorrection) -> Int {
        let scores = (0..<8).map { mask in
            var candidate = self
            candidate.apply(mask: mask)
            candidate.drawFormatInformation(correction: correction, mask: mask)
            return candidate.penalty()
        }
        return scores.indices.min { scores[$0] < scores[$1] } ?? 0
    }

    /// The total of the four penalty rules of ISO/IEC 18004 §7.8.3.
    func penalty() -> Int {
        let lines = rows() + columns()
        return lines.reduce(0) { $0 + Self.runPenalty($1) + Self.finderLikePenalty($1) }
            + blockPenalty()
            + balancePenalty()
    }

    func rows() -> [[Bool]] {
        (0..<size).map { row in (0..<size).map { self[row, $0] } }
    }

    func columns() -> [[Bool]] {
        (0..<size).map { column in (0..<size).map { self[$0, column] } }
    }

    /// Rule 1: each run of five or more same-coloured modules in a line
    /// scores 3, plus 1 per module beyond five.
    static func runPenalty(_ line: [Bool]) -> Int {
        var total = 0
        var runLength = 0
        for (index, module) in line.enumerated() {
            runLength = index > 0 && line[index - 1] == module ? runLength + 1 : 1
            let runEnds = index == line.count - 1 || line[index + 1] != module
            if runEnds && runLength >= 5 { total += 3 + (runLength - 5) }
        }
        return total
    }

    /// Rule 3: each dark-light-dark-dark-dark-light-dark (1:1:3:1:1)
    /// sequence with four light modules before or after it scores 40,
    /// because it mimics a finder pattern. Modules beyond the edge count as
    /// light, since the quiet zone is light.
    static func finderLikePenalty(_ line: [Bool]) -> Int {
        let core = [true, false, true, true, true, false, true]
        guard line.count >= core.count else { return 0 }
        func isLight(_ range: Range<Int>) -> Bool {
            range.allSatisfy { !line.indices.contains($0) || !line[$0] }
        }
        var total = 0
        for start in 0...(line.count - core.count)
        where line[start..<(start + core.count)].elementsEqual(core) {
            let end = start + core.count
            if isLight((start - 4)..<start) || isLight(end..<(end + 4)) { total += 40 }
        }
        return total
    }

    /// Rule 2: each 2×2 block of one colour scores 3 (blocks overlap, so a
    /// larger area counts once per block it contains).
    func blockPenalty() -> Int {
        var total = 0
        for row in 0..<(size - 1) {
            for column in 0..<(size - 1) {
                let colour = self[row, column]
                if self[row, column + 1] == colour, self[row + 1, column] == colour,
                   self[row + 1, column + 1] == colour {
                    total += 3
                }
            }
        }
        return total
    }

    /// Rule 4: 10 points for each full 5% step the dark proportion strays
    /// from 50%.
    func balancePenalty() -> Int {
        let total = size * size
        let dark = modules.lazy.filter { $0 }.count
        // k satisfies 5k% < |dark% − 50%| ≤ 5(k+1)%, in integer arithmetic.
        let deviation = abs(dark * 20 - total * 10)
        let steps = max(0, (deviation + total - 1) / total - 1)
        return steps * 10
    }
}
