import Crypto
import Foundation

extension ContactRecordReader {
    public struct FileReading: Sendable {
        public let tally: Tally
        /// SHA-256 of the file's bytes, hex: the same file is not counted twice.
        public let digest: String
        public let bytes: Int
    }

    /// Reads a whole file in pieces, counting its records and hashing its bytes as it goes.
    /// `progress` hears the bytes read so far.
    public static func read(fileAt url: URL, taxonomy: Taxonomy, helplines: [Helpline],
                            progress: ((Int) -> Void)? = nil) throws -> FileReading {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var reader = ContactRecordReader(taxonomy: taxonomy, helplines: helplines)
        var hasher = SHA256()
        var total = 0
        while !reader.isStopped, let piece = try handle.read(upToCount: 4 << 20), !piece.isEmpty {
            hasher.update(data: piece)
            reader.consume(piece)
            total += piece.count
            progress?(total)
        }
        let tally = try reader.finish()
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return FileReading(tally: tally, digest: digest, bytes: total)
    }
}
