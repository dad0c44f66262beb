extension QRCode {
    /// The 15-bit format information word for a level and mask.
    ///
    /// Five data bits (level, mask) plus a BCH(15,5) remainder, XORed with
    /// 101010000010010 so the word is never all zeros.
    static func formatInformation(correction: ErrorCorrection, mask: Int) -> Int {
        precondition((0..<8).contains(mask), "masks are 0...7")
        let data = correction.formatBits << 3 | mask
        return (data << 10 | bchRemainder(of: data, generator: 0b101_0011_0111, degree: 10)) ^ 0x5412
    }

    /// The 18-bit version information word (versions 7 and up): six bits
    /// of version number plus a BCH(18,6) remainder.
    static func versionInformation(version: Int) -> Int {
        precondition((7...40).contains(version), "only versions 7...40 carry version information")
        return version << 12 | bchRemainder(of: version, generator: 0b1_1111_0010_0101, degree: 12)
    }

    /// Remainder of `data`·x^degree divided by `generator` over GF(2).
    private static func bchRemainder(of data: Int, generator: Int, degree: Int) -> Int {
        var remainder = data << degree
        for shift in stride(from: remainder.bitWidth - remainder.leadingZeroBitCount - 1,
                            through: degree, by: -1) where remainder >> shift & 1 == 1 {
            remainder ^= generator << (shift - degree)
        }
        return remainder
    }
}

extension QRCode.Grid {
    /// Draws both copies of the format information and the always-dark
    /// module beside the bottom-left finder.
    ///
    /// Two copies let a reader recover the level and mask even when one
    /// corner of the symbol is damaged.
    mutating func drawFormatInformation(correction: QRCode.ErrorCorrection, mask: Int) {
        let word = QRCode.formatInformation(correction: correction, mask: mask)
        func bit(_ index: Int) -> Bool { word >> index & 1 == 1 }

        // Around the top-left finder: up column 8, then along row 8, both
        // stepping over the timing pattern at index 6.
        for index in 0...5 { setFunction(row: index, column: 8, dark: bit(index)) }
        setFunction(row: 7, column: 8, dark: bit(6))
        setFunction(row: 8, column: 8, dark: bit(7))
        setFunction(row: 8, column: 7, dark: bit(8))
        for index in 9..<15 { setFunction(row: 8, column: 14 - index, dark: bit(index)) }

        // Split between the top-right and bottom-left finders.
        for index in 0..<8 { setFunction(row: 8, column: size - 1 - index, dark: bit(index)) }
        for index in 8..<15 { setFunction(row: size - 15 + index, column: 8, dark: bit(index)) }
        setFunction(row: size - 8, column: 8, dark: true)
    }

    /// Draws the two 6×3 version information blocks (versions 7 and up),
    /// which a reader needs because it cannot reliably count modules in
    /// large symbols.
    mutating func drawVersionInformation(version: Int) {
        let word = QRCode.versionInformation(version: version)
        for index in 0..<18 {
            let dark = word >> index & 1 == 1
            let near = index / 3
            let far = size - 11 + index % 3
            setFunction(row: near, column: far, dark: dark)  // above the top-right finder
            setFunction(row: far, column: near, dark: dark)  // left of the bottom-left finder
        }
    }
}
