import Foundation

/// RFC 4122 version 5 UUIDs: the same namespace and name always give the same UUID.
///
/// HSDS wants every object's `id` to be a UUID, while Cove names helplines by slug. Deriving the
/// UUIDs from the slug, rather than drawing random ones, keeps an export byte-for-byte stable and
/// lets another system match a re-exported service to the one it already holds. Version 5 is the
/// standard name-based kind, so anyone can recompute an id from the documented name. It needs
/// SHA-1, which Foundation does not offer on Linux and CoveCore cannot take from swift-crypto;
/// the digest is only used to spread names over the UUID space, never for security.
enum NameBasedUUID {
    /// RFC 4122's namespace for URLs, under which Cove's own namespace is derived.
    static let urlNamespace = UUID(uuidString: "6BA7B811-9DAD-11D1-80B4-00C04FD430C8")!

    static func v5(namespace: UUID, name: String) -> UUID {
        let space = namespace.uuid
        let spaceBytes = withUnsafeBytes(of: space) { Array($0) }
        var digest = SHA1.digest(spaceBytes + Array(name.utf8))
        digest[6] = (digest[6] & 0x0F) | 0x50  // version 5
        digest[8] = (digest[8] & 0x3F) | 0x80  // RFC 4122 variant
        let b = digest
        return UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                           b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
    }
}

extension NameBasedUUID {
    /// FIPS 180-4 SHA-1 over a byte array, just enough for `NameBasedUUID`.
    enum SHA1 {
        static func digest(_ message: [UInt8]) -> [UInt8] {
            var state: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
            let bytes = padded(message)
            for block in stride(from: 0, to: bytes.count, by: 64) {
                compress(&state, Array(bytes[block..<block + 64]))
            }
            return state.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (24 - 8 * $0)) } }
        }

        /// The message, a 1 bit, zeros, and its length in bits, to a multiple of 64 bytes.
        private static func padded(_ message: [UInt8]) -> [UInt8] {
            var bytes = message + [0x80]
            while bytes.count % 64 != 56 { bytes.append(0) }
            let bits = UInt64(message.count) &* 8
            return bytes + (0..<8).map { UInt8(truncatingIfNeeded: bits >> (56 - 8 * $0)) }
        }

        private static func compress(_ state: inout [UInt32], _ block: [UInt8]) {
            var w = (0..<16).map { i in (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(block[4 * i + $1]) } }
            for i in 16..<80 { w.append(rotate(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1)) }
            var (a, b, c, d, e) = (state[0], state[1], state[2], state[3], state[4])
            for i in 0..<80 {
                let (f, k): (UInt32, UInt32) = switch i {
                case 0..<20: ((b & c) | (~b & d), 0x5A82_7999)
                case 20..<40: (b ^ c ^ d, 0x6ED9_EBA1)
                case 40..<60: ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC)
                default: (b ^ c ^ d, 0xCA62_C1D6)
                }
                let temp = rotate(a, 5) &+ f &+ e &+ k &+ w[i]
                (e, d, c, b, a) = (d, c, rotate(b, 30), a, temp)
            }
            for (index, value) in [a, b, c, d, e].enumerated() { state[index] &+= value }
        }

        private static func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 {
            value << count | value >> (32 - count)
        }
    }
}
