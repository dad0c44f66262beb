extension QRCode {
    /// Builds the codeword sequence that is placed into the symbol.
    enum Codewords {
        /// Pad codewords alternate between these two values (11101100,
        /// 00010001) so an empty tail does not look like a long flat run.
        static let padBytes: [UInt8] = [0xEC, 0x11]

        /// The data codewords: mode, length, payload, terminator, then
        /// padding up to the version's data capacity.
        static func data(for bytes: [UInt8], version: Version, correction: ErrorCorrection) -> [UInt8] {
            let capacityBits = version.dataCodewords(correction) * 8
            var bits = BitWriter()
            bits.append(Version.byteModeIndicator, count: 4)
            bits.append(bytes.count, count: version.characterCountBits)
            for byte in bytes { bits.append(Int(byte), count: 8) }
            precondition(bits.count <= capacityBits, "version selection must leave room")

            // The terminator is up to four zero bits, shortened if the
            // symbol is already (nearly) full; then align to a byte.
            bits.append(0, count: min(4, capacityBits - bits.count))
            bits.append(0, count: (8 - bits.count % 8) % 8)

            var codewords = bits.bytes
            var padIndex = 0
            while codewords.count < capacityBits / 8 {
                codewords.append(padBytes[padIndex % 2])
                padIndex += 1
            }
            return codewords
        }

        /// Splits `data` into error correction blocks, appends each block's
        /// Reed–Solomon codewords and interleaves them column by column.
        ///
        /// Interleaving spreads a burst of damage (a smudge, a glare spot)
        /// across many blocks so each block only loses a little.
        static func interleaved(_ data: [UInt8], version: Version, correction: ErrorCorrection) -> [UInt8] {
            let blocks = split(data, version: version, correction: correction)
            let errorCount = version.errorCorrectionCodewordsPerBlock(correction)
            let corrections = blocks.map { ReedSolomon.errorCorrection(for: $0, count: errorCount) }

            var result: [UInt8] = []
            result.reserveCapacity(version.totalCodewords)
            for column in 0..<(blocks.last?.count ?? 0) {
                // Short blocks (earlier ones) have one codeword fewer and
                // simply drop out of the last data column.
                for block in blocks where column < block.count { result.append(block[column]) }
            }
            for column in 0..<errorCount {
                for block in corrections { result.append(block[column]) }
            }
            return result
        }

        /// Divides data codewords into blocks; when they do not divide
        /// evenly, the later blocks are one codeword longer.
        static func split(_ data: [UInt8], version: Version, correction: ErrorCorrection) -> [[UInt8]] {
            let blockCount = version.errorCorrectionBlocks(correction)
            let shortLength = data.count / blockCount
            let longBlockCount = data.count % blockCount
            var blocks: [[UInt8]] = []
            var start = 0
            for index in 0..<blockCount {
                let length = shortLength + (index >= blockCount - longBlockCount ? 1 : 0)
                blocks.append(Array(data[start..<(start + length)]))
                start += length
            }
            return blocks
        }
    }

    /// Accumulates a most-significant-bit-first bit stream.
    struct BitWriter {
        private(set) var bits: [Bool] = []

        var count: Int { bits.count }

        mutating func append(_ value: Int, count: Int) {
            precondition(count >= 0 && value >> count == 0, "value must fit in count bits")
            for shift in stride(from: count - 1, through: 0, by: -1) {
                bits.append((value >> shift) & 1 == 1)
            }
        }

        /// The bits packed into bytes; the final byte is zero-filled.
        var bytes: [UInt8] {
            stride(from: 0, to: bits.count, by: 8).map { start in
                bits[start..<min(start + 8, bits.count)].enumerated().reduce(0) { byte, bit in
                    bit.element ? byte | UInt8(0x80 >> bit.offset) : byte
                }
            }
        }
    }
}
