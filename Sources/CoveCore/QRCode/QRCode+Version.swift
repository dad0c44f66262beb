extension QRCode.ErrorCorrection {
    /// The two bits the format information uses for this level.
    ///
    /// The standard's order (L=01, M=00, Q=11, H=10) is not the order of
    /// strength, so it cannot be derived from the case order.
    var formatBits: Int {
        switch self {
        case .low: 0b01
        case .medium: 0b00
        case .quartile: 0b11
        case .high: 0b10
        }
    }

    /// Row index into the per-level tables in `QRCode.Version`.
    var tableIndex: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .quartile: 2
        case .high: 3
        }
    }
}

extension QRCode {
    /// The geometry and codeword budget of one symbol version (1...40).
    struct Version: Sendable, Equatable {
        static let supported = 1...40

        /// Mode indicator (4 bits) for byte mode.
        static let byteModeIndicator = 0b0100

        let number: Int

        init(_ number: Int) {
            precondition(Self.supported.contains(number), "QR versions are 1...40")
            self.number = number
        }

        /// The smallest version whose data capacity holds `byteCount` bytes.
        static func smallest(fitting byteCount: Int, correction: ErrorCorrection) -> Version? {
            supported.lazy.map(Version.init).first { $0.canHold(byteCount, correction: correction) }
        }

        var size: Int { number * 4 + 17 }

        /// Width of the byte-mode character count field; it grows at version
        /// 10 so that larger symbols can state their larger lengths.
        var characterCountBits: Int { number < 10 ? 8 : 16 }

        func canHold(_ byteCount: Int, correction: ErrorCorrection) -> Bool {
            let headerBits = 4 + characterCountBits
            guard byteCount < 1 << characterCountBits else { return false }
            return headerBits + byteCount * 8 <= dataCodewords(correction) * 8
        }

        /// Modules left for codewords once every function pattern is drawn.
        ///
        /// Closed form of "size² minus finders, separators, timing, format,
        /// alignment and version areas"; `Grid` tests cross-check it against
        /// the drawn layout. Not always a multiple of 8: the leftover
        /// remainder bits stay light.
        var rawDataModules: Int {
            var count = (16 * number + 128) * number + 64
            if number >= 2 {
                let alignmentsPerSide = number / 7 + 2
                count -= (25 * alignmentsPerSide - 10) * alignmentsPerSide - 55
                if number >= 7 { count -= 36 }
            }
            return count
        }

        var totalCodewords: Int { rawDataModules / 8 }

        func errorCorrectionBlocks(_ correction: ErrorCorrection) -> Int {
            Self.blockCounts[correction.tableIndex][number - 1]
        }

        func errorCorrectionCodewordsPerBlock(_ correction: ErrorCorrection) -> Int {
            Self.codewordsPerBlock[correction.tableIndex][number - 1]
        }

        func dataCodewords(_ correction: ErrorCorrection) -> Int {
            totalCodewords
                - errorCorrectionBlocks(correction) * errorCorrectionCodewordsPerBlock(correction)
        }

        /// Centre coordinates of alignment patterns along each axis.
        ///
        /// The standard lists these in a table; they are evenly spaced from
        /// `size - 7` back towards 6 with an even step, which this
        /// reproduces (including the irregular version 32).
        var alignmentPatternCentres: [Int] {
            guard number > 1 else { return [] }
            let count = number / 7 + 2
            let step = (number * 8 + count * 3 + 5) / (count * 4 - 4) * 2
            let tail = (0..<(count - 1)).map { size - 7 - $0 * step }
            return [6] + tail.reversed()
        }

        // ISO/IEC 18004 table 9, indexed [level][version - 1] in the order
        // low, medium, quartile, high.

        private static let codewordsPerBlock: [[Int]] = [
            [7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
             28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
            [10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
             26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
            [13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
             28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
            [17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
             30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        ]

        private static let blockCounts: [[Int]] = [
            [1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8,
             8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
            [1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
             17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
            [1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20,
             23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
            [1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
             25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
        ]
    }
}
