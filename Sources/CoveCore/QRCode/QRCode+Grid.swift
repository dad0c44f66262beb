extension QRCode {
    /// The module matrix while a symbol is being built.
    ///
    /// Besides colours it records which modules belong to function patterns
    /// (finders, separators, timing, alignment, format and version
    /// information), because data placement and masking must skip them.
    struct Grid: Sendable {
        let size: Int

        /// Row-major colours, `true` meaning dark.
        private(set) var modules: [Bool]

        /// Row-major flags marking function-pattern modules.
        private(set) var isFunction: [Bool]

        /// A grid with every function pattern drawn and the format
        /// information area reserved (its final bits depend on the mask).
        init(version: Version) {
            size = version.size
            modules = Array(repeating: false, count: size * size)
            isFunction = Array(repeating: false, count: size * size)
            // Timing first: finders and alignment patterns then overwrite
            // the few modules where they cross it.
            drawTimingPatterns()
            drawFinderPatterns()
            drawAlignmentPatterns(centres: version.alignmentPatternCentres)
            drawFormatInformation(correction: .medium, mask: 0)
            if version.number >= 7 { drawVersionInformation(version: version.number) }
        }

        subscript(row: Int, column: Int) -> Bool {
            modules[row * size + column]
        }

        func isFunction(row: Int, column: Int) -> Bool {
            isFunction[row * size + column]
        }

        mutating func setFunction(row: Int, column: Int, dark: Bool) {
            modules[row * size + column] = dark
            isFunction[row * size + column] = true
        }

        /// Flips every data module where `shouldFlip` holds; used by masking.
        mutating func flipDataModules(where shouldFlip: (_ row: Int, _ column: Int) -> Bool) {
            for row in 0..<size {
                for column in 0..<size where !isFunction(row: row, column: column) {
                    if shouldFlip(row, column) { modules[row * size + column].toggle() }
                }
            }
        }

        // MARK: Function patterns

        private mutating func drawTimingPatterns() {
            for index in 0..<size {
                setFunction(row: 6, column: index, dark: index % 2 == 0)
                setFunction(row: index, column: 6, dark: index % 2 == 0)
            }
        }

        /// Three 7×7 finders in the corners, each with a one-module light
        /// separator on the sides facing the symbol.
        private mutating func drawFinderPatterns() {
            for (row, column) in [(3, 3), (3, size - 4), (size - 4, 3)] {
                drawSquareRings(centreRow: row, centreColumn: column, radius: 4) { distance in
                    // Rings: 0–1 dark core, 2 light, 3 dark border, 4 separator.
                    distance != 2 && distance != 4
                }
            }
        }

        /// 5×5 alignment patterns on every grid crossing of `centres`,
        /// except the three that would overlap a finder.
        private mutating func drawAlignmentPatterns(centres: [Int]) {
            guard let first = centres.first, let last = centres.last else { return }
            let overlapsFinder = [(first, first), (first, last), (last, first)]
            for row in centres {
                for column in centres where !overlapsFinder.contains(where: { $0 == (row, column) }) {
                    drawSquareRings(centreRow: row, centreColumn: column, radius: 2) { $0 != 1 }
                }
            }
        }

        /// Draws concentric square rings, colouring each by its Chebyshev
        /// distance from the centre and clipping at the symbol's edge.
        private mutating func drawSquareRings(
            centreRow: Int, centreColumn: Int, radius: Int, isDark: (_ distance: Int) -> Bool
        ) {
            for rowOffset in -radius...radius {
                for columnOffset in -radius...radius {
                    let row = centreRow + rowOffset
                    let column = centreColumn + columnOffset
                    guard (0..<size).contains(row), (0..<size).contains(column) else { continue }
                    let distance = max(abs(rowOffset), abs(columnOffset))
                    setFunction(row: row, column: column, dark: isDark(distance))
                }
            }
        }

        // MARK: Data placement

        /// Data module positions in placement order: two-column strips from
        /// the right edge, alternating upward and downward, skipping the
        /// vertical timing column and all function modules.
        func placementOrder() -> [(row: Int, column: Int)] {
            var positions: [(row: Int, column: Int)] = []
            var right = size - 1
            while right >= 1 {
                if right == 6 { right = 5 }
                let upward = (right + 1) & 2 == 0
                for step in 0..<size {
                    let row = upward ? size - 1 - step : step
                    for column in [right, right - 1] where !isFunction(row: row, column: column) {
                        positions.append((row, column))
                    }
                }
                right -= 2
            }
            return positions
        }

        /// Writes `codewords` most significant bit first along the placement
        /// order. Leftover remainder modules stay light, as required.
        mutating func place(_ codewords: [UInt8]) {
            let positions = placementOrder()
            precondition(codewords.count * 8 <= positions.count, "codewords exceed capacity")
            for (index, position) in positions.prefix(codewords.count * 8).enumerated() {
                let bit = (codewords[index / 8] >> (7 - index % 8)) & 1 == 1
                modules[position.row * size + position.column] = bit
            }
        }
    }
}
