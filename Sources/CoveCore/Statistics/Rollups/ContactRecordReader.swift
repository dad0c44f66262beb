import Foundation

/// Counts a file of contact records into contact margins, keeping no record. Each line is one contact
/// a helpline took, coded under the taxonomy:
///
///     helpline,country,date,contact_type,category,subcategory,online,age_band,gender,channel
///     ke-childline-116,KE,2025-03-14,child-self,violence,physical-violence,N,13-15,girl,voice
///
/// This is how a helpline that keeps its cases elsewhere brings a year of its counts into Cove.
/// The file is read as bytes, line by line, so a file of tens of millions of lines needs no more
/// memory than its margins. Every line is checked; problems name the line and column, and a file
/// with any problem yields none of its counts.
public struct ContactRecordReader: Sendable {
    /// A helpline of the directory that records may name, by its directory id.
    public struct Helpline: Sendable {
        public let id: UUID
        public let slug: String
        public let countries: [String]

        public init(id: UUID, slug: String, countries: [String]) {
            self.id = id
            self.slug = slug
            self.countries = countries
        }
    }

    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public let line: Int
        public let column: String
        public let reason: String
        public var description: String { "line \(line), \(column): \(reason)" }
    }

    /// The file's problems, at most `maximumProblems` of them; nothing of the file is counted.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let problems: [Problem]
        public var description: String { problems.map(\.description).joined(separator: "\n") }
    }

    public struct Tally: Sendable {
        public let records: Int
        public let margins: [ContactMargin: Int]
        /// "2025-01"…, in order.
        public let months: [String]
    }

    enum Column: String, CaseIterable {
        case helpline, country, date
        case contactType = "contact_type"
        case category, subcategory, online
        case ageBand = "age_band"
        case gender, channel
    }

    public static let columns = Column.allCases.map(\.rawValue)
    public static let maximumProblems = 20
    /// A longer line is not a contact record; stopping there keeps a broken file from filling memory.
    public static let maximumLineLength = 4096

    let codes: ContactRecordCodes
    /// The column of each field in the file's order, once the header is read.
    var roles: [Column]?
    var line = 0
    var carry: [UInt8] = []
    var problems: [Problem] = []
    /// Set by a line too long to be a record: the rest of the file is not read.
    var halted = false
    var records = 0
    /// Per helpline, country and month, where its slots start in `counts`.
    var blocks: [UInt64: Int] = [:]
    var counts: [Int] = []

    public init(taxonomy: Taxonomy, helplines: [Helpline]) {
        codes = ContactRecordCodes(taxonomy: taxonomy, helplines: helplines)
    }

    /// Whether reading can stop: enough problems are known to show.
    public var isStopped: Bool { halted || problems.count >= Self.maximumProblems }

    /// Reads the next bytes of the file; a line may run across calls.
    public mutating func consume(_ bytes: UnsafeRawBufferPointer) {
        let buffer = bytes.assumingMemoryBound(to: UInt8.self)
        var start = 0
        while !isStopped, let newline = buffer[start...].firstIndex(of: 10) {
            if carry.isEmpty {
                read(UnsafeBufferPointer(rebasing: buffer[start..<newline]))
            } else {
                carry.append(contentsOf: buffer[start..<newline])
                let line = carry
                carry.removeAll(keepingCapacity: true)
                line.withUnsafeBufferPointer { read($0) }
            }
            start = newline + 1
        }
        guard !isStopped else { return }
        carry.append(contentsOf: buffer[start...])
        if carry.count > Self.maximumLineLength {
            fail(line + 1, "line", "is longer than \(Self.maximumLineLength) bytes; is this a contact-record file?")
            halted = true
        }
    }

    public mutating func consume(_ data: Data) {
        data.withUnsafeBytes { consume($0) }
    }

    /// The counts, or every problem found.
    public mutating func finish() throws(Failure) -> Tally {
        if !carry.isEmpty, !isStopped {
            let last = carry
            carry.removeAll()
            last.withUnsafeBufferPointer { read($0) }
        }
        if roles == nil, problems.isEmpty { fail(1, "header", "the file is empty; expected \(Self.columns.joined(separator: ","))") }
        guard problems.isEmpty else { throw Failure(problems: problems) }
        return tally()
    }

    mutating func fail(_ line: Int, _ column: String, _ reason: String) {
        guard !isStopped else { return }
        problems.append(Problem(line: line, column: column, reason: reason))
    }

    /// A field's bytes as text fit to quote in a message: short, and any bad UTF-8 replaced.
    static func quoted(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let text = String(decoding: bytes.prefix(40), as: UTF8.self)
        return "\"\(text)\(bytes.count > 40 ? "…" : "")\""
    }
}
