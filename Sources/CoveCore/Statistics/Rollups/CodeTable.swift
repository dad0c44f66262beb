/// Looks codes up straight from the bytes of a file, without making a String per field: a hash of
/// the bytes finds the candidate, and the bytes are compared to be sure.
struct CodeTable: Sendable {
    private let codes: [[UInt8]]
    private var indexByHash: [UInt64: Int] = [:]
    /// Codes whose hash another code already took; with a 64-bit hash this stays empty in practice.
    private var collided: [[UInt8]: Int] = [:]

    init(_ codes: [String]) {
        self.codes = codes.map { Array($0.utf8) }
        for (index, code) in self.codes.enumerated() {
            let hash = Self.hash(code)
            if indexByHash[hash] == nil { indexByHash[hash] = index } else { collided[code] = index }
        }
    }

    var count: Int { codes.count }

    func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        if let index = indexByHash[Self.hash(bytes)], codes[index].elementsEqual(bytes) { return index }
        return collided.isEmpty ? nil : collided[Array(bytes)]
    }

    /// FNV-1a, 64 bits.
    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
