extension QRCode {
    /// Arithmetic in GF(2⁸) with the QR code's primitive polynomial
    /// x⁸ + x⁴ + x³ + x² + 1 (0x11D) and generator α = 2.
    enum GaloisField {
        /// `exponents[i]` is αⁱ. Doubled in length so a product's summed
        /// logarithms (at most 254 + 254) index it without a modulo.
        static let exponents: [UInt8] = {
            var table = [UInt8](repeating: 0, count: 512)
            var value = 1
            for power in 0..<255 {
                table[power] = UInt8(value)
                table[power + 255] = UInt8(value)
                value <<= 1
                if value & 0x100 != 0 { value ^= 0x11D }
            }
            return table
        }()

        /// `logarithms[x]` is i such that αⁱ = x; entry 0 is unused.
        static let logarithms: [Int] = {
            var table = [Int](repeating: 0, count: 256)
            for power in 0..<255 { table[Int(exponents[power])] = power }
            return table
        }()

        static func multiply(_ lhs: UInt8, _ rhs: UInt8) -> UInt8 {
            guard lhs != 0, rhs != 0 else { return 0 }
            return exponents[logarithms[Int(lhs)] + logarithms[Int(rhs)]]
        }
    }

    /// Reed–Solomon error correction codewords as QR codes define them.
    enum ReedSolomon {
        /// Coefficients of ∏(x − αⁱ) for i in 0..<degree, highest power
        /// first, without the implicit leading 1.
        static func generator(degree: Int) -> [UInt8] {
            precondition(degree >= 1, "generator needs a positive degree")
            // Start from the constant polynomial 1 and multiply in one root
            // at a time; subtraction is XOR in GF(2⁸).
            var coefficients = [UInt8](repeating: 0, count: degree)
            coefficients[degree - 1] = 1
            var root: UInt8 = 1
            for _ in 0..<degree {
                for index in 0..<degree {
                    coefficients[index] = GaloisField.multiply(coefficients[index], root)
                    if index + 1 < degree { coefficients[index] ^= coefficients[index + 1] }
                }
                root = GaloisField.multiply(root, 2)
            }
            return coefficients
        }

        /// The `count` error correction codewords for `data`: the remainder
        /// of data(x)·xⁿ divided by the degree-n generator.
        static func errorCorrection(for data: [UInt8], count: Int) -> [UInt8] {
            let divisor = generator(degree: count)
            var remainder = [UInt8](repeating: 0, count: count)
            for byte in data {
                // Long division, one leading term at a time: shift the
                // remainder left and subtract factor × divisor.
                let factor = byte ^ remainder.removeFirst()
                remainder.append(0)
                for index in 0..<count {
                    remainder[index] ^= GaloisField.multiply(divisor[index], factor)
                }
            }
            return remainder
        }
    }
}
