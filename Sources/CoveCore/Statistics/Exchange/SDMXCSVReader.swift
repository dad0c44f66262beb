import Foundation

/// Reads a statistical submission — SDMX-CSV 1.0, SDMX-CSV 2.0 or Cove's plain CSV template — into
/// observations for one dataflow, or into every problem that stops it being stored.
///
/// Files come from national focal points and helplines, made by hand or exported from spreadsheets,
/// so nothing in them is trusted: the size is capped before anything is decoded, bytes that are not
/// UTF-8 and separators other than the comma are named rather than guessed at, and tokenising is
/// left to `CSVTable`, the same strict RFC 4180 reader the directory import uses.
///
/// - SDMX-CSV 1.0: the first column is `DATAFLOW`, holding `AGENCY:ID(VERSION)`.
/// - SDMX-CSV 2.0: the first columns are `STRUCTURE` (`dataflow`) and `STRUCTURE_ID`
///   (`AGENCY:ID(VERSION)`), then an optional `ACTION` (I, A or blank; D and R are refused for now).
/// - Template: one column per dimension, TIME_PERIOD and OBS_VALUE; the dataflow is the caller's.
///
/// Any format may add OBS_STATUS, CONF_STATUS and UNIT_MULT. Headers may carry labels
/// (`SEX: Sex`) and coded cells may too (`F: Female`), as SDMX's `labels=both` writes them; the
/// part before the colon is the id. Columns Cove does not know are ignored, as SDMX allows.
public struct SDMXCSVReader: Sendable {
    public enum Format: String, Sendable, Hashable, Codable {
        case sdmxCSV1 = "SDMX-CSV 1.0"
        case sdmxCSV2 = "SDMX-CSV 2.0"
        case template = "CSV template"
    }

    /// Bounds that keep a hostile or mistaken file from exhausting memory or the submitter's patience.
    public struct Limits: Sendable, Hashable {
        public var maximumFileBytes: Int
        /// No statistical cell is longer; a longer one is a broken quote or the wrong file.
        public var maximumFieldBytes: Int
        /// Problems listed before the rest are summed up in one.
        public var maximumProblems: Int

        public init(maximumFileBytes: Int, maximumFieldBytes: Int = 10_000, maximumProblems: Int = 1_000) {
            self.maximumFileBytes = maximumFileBytes
            self.maximumFieldBytes = maximumFieldBytes
            self.maximumProblems = maximumProblems
        }

        /// 64 MiB: a year of a country's monthly figures fits many times over.
        public static let standard = Limits(maximumFileBytes: 64 * 1024 * 1024)
    }

    public let structure: DataflowStructure
    public let limits: Limits

    public init(structure: DataflowStructure, limits: Limits = .standard) {
        self.structure = structure
        self.limits = limits
    }

    /// The file's observations when every row is valid; otherwise every problem found, in file order.
    public func observations(from data: Data) -> Result<[SDMXObservation], SubmissionProblems> {
        table(from: data).flatMap { SubmissionValidator(structure: structure, limits: limits).validate($0) }
    }

    public func observations(from text: String) -> Result<[SDMXObservation], SubmissionProblems> {
        observations(from: Data(text.utf8))
    }

    /// The file decoded, tokenised and its header matched to the dataflow; rows are not yet checked.
    /// A problem here stops reading, since no row can be read reliably past it.
    public func table(from data: Data) -> Result<SubmissionTable, SubmissionProblems> {
        do {
            let table = try readTable(data)
            return .success(table)
        } catch {
            return .failure(error)
        }
    }

    private func readTable(_ data: Data) throws(SubmissionProblems) -> SubmissionTable {
        let text = try decodedText(data)
        if let problem = Self.separatorProblem(in: text) { throw SubmissionProblems([problem]) }
        let csv = try Self.parsedCSV(text)
        try checkHeaderFields(csv.header)
        let ids = csv.header.enumerated().map { Self.columnID($0.element, at: $0.offset) }
        let format = Self.format(of: ids)
        let columns = try SubmissionColumns(ids: ids, format: format, structure: structure)
        guard !csv.records.isEmpty else {
            throw Self.single(.emptyFile, line: 1, "the file has a header row but no observations below it")
        }
        return SubmissionTable(format: format, columnIDs: ids, records: csv.records, columns: columns)
    }

    private func decodedText(_ data: Data) throws(SubmissionProblems) -> String {
        guard data.count <= limits.maximumFileBytes else {
            throw Self.single(.fileTooLarge, line: 1, "the file is \(data.count) bytes; the limit is \(limits.maximumFileBytes)")
        }
        let bytes = [UInt8](data)
        if let invalid = Self.firstInvalidUTF8(in: bytes) {
            throw Self.single(.badUTF8, line: invalid.line,
                              "byte \(invalid.offset + 1) of the file is not UTF-8 text; save the file as \"CSV UTF-8\"")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func checkHeaderFields(_ header: [String]) throws(SubmissionProblems) {
        guard !header.allSatisfy(\.isEmpty) else {
            throw Self.single(.emptyFile, line: 1, "the first line is blank; expected a header row naming the columns")
        }
        let problems = header.enumerated().filter { $0.element.utf8.count > limits.maximumFieldBytes }.map { field in
            SubmissionProblem(.fieldTooLong, line: 1, column: field.offset + 1,
                              message: "the column name is \(field.element.utf8.count) bytes long; the limit is \(limits.maximumFieldBytes)")
        }
        guard problems.isEmpty else { throw SubmissionProblems(problems) }
    }

    private static func parsedCSV(_ text: String) throws(SubmissionProblems) -> CSVTable {
        do {
            return try CSVTable(parsing: text)
        } catch {
            if error == .empty { throw single(.emptyFile, line: 1, error.reason) }
            throw single(.malformedCSV, line: error.line, error.reason)
        }
    }

    /// Where the first byte that is not UTF-8 sits, and on which line (CR, LF and CRLF each end
    /// one, as in `CSVTable`); nil when the whole file is UTF-8.
    static func firstInvalidUTF8(in bytes: [UInt8]) -> (offset: Int, line: Int)? {
        var iterator = bytes.makeIterator()
        var decoder = Unicode.UTF8()
        var offset = 0
        var line = 1
        var afterCarriageReturn = false
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += Unicode.UTF8.width(scalar)
                if scalar == "\r" || (scalar == "\n" && !afterCarriageReturn) { line += 1 }
                afterCarriageReturn = scalar == "\r"
            case .emptyInput:
                return nil
            case .error:
                return (offset, line)
            }
        }
    }

    /// A problem when the header is split by semicolons or tabs rather than commas: spreadsheets
    /// in many locales save that way, and `CSVTable` reads commas only, so naming the cause beats
    /// a confusing "missing column". SDMX-CSV 2.0's `STRUCTURE[;]` sub-field term is skipped.
    static func separatorProblem(in text: String) -> SubmissionProblem? {
        var header = text.prefix { $0 != "\n" && $0 != "\r" && $0 != "\r\n" }
        if header.hasPrefix("\u{FEFF}") { header = header.dropFirst() }
        if header.hasPrefix("STRUCTURE["), let close = header.firstIndex(of: "]") {
            header = header[header.index(after: close)...]
        }
        var quoted = false
        for character in header {
            if character == "\"" {
                quoted.toggle()
                continue
            }
            guard !quoted else { continue }
            if character == "," { return nil }
            if character == ";" || character == "\t" {
                let name = character == ";" ? "semicolons" : "tabs"
                return SubmissionProblem(.wrongSeparator, line: 1, message:
                    "the columns are separated by \(name); Cove reads comma-separated files, so save as \"CSV UTF-8 (comma delimited)\"")
            }
        }
        return nil
    }

    /// A header's component id: the part before any `: Label`, and `STRUCTURE` for SDMX-CSV 2.0's
    /// `STRUCTURE[;]`.
    static func columnID(_ header: String, at index: Int) -> String {
        if index == 0, header.hasPrefix("STRUCTURE[") { return "STRUCTURE" }
        return withoutLabel(header)
    }

    /// `F` for `F: Female`. SDMX ids never hold a colon, so whatever follows one is a label.
    static func withoutLabel(_ text: String) -> String {
        let id = text.firstIndex(of: ":").map { text[..<$0] } ?? Substring(text)
        return id.trimmingCharacters(in: .whitespaces)
    }

    static func format(of ids: [String]) -> Format {
        switch ids.first ?? "" {
        case "DATAFLOW": .sdmxCSV1
        case "STRUCTURE": .sdmxCSV2
        default: .template
        }
    }

    static func single(_ code: SubmissionProblem.Code, line: Int, _ message: String) -> SubmissionProblems {
        SubmissionProblems([SubmissionProblem(code, line: line, message: message)])
    }
}

/// A submission's rows, tokenised, with its header matched to the dataflow: what the validator reads.
public struct SubmissionTable: Sendable, Equatable {
    public let format: SDMXCSVReader.Format
    /// Each column's component id, labels dropped, in file order.
    public let columnIDs: [String]
    public let records: [CSVTable.Record]
    let columns: SubmissionColumns
}

/// Where each component sits in the header, found once so every row is read by index.
struct SubmissionColumns: Sendable, Equatable {
    /// STRUCTURE (SDMX-CSV 2.0), whose cells must say `dataflow`.
    var structureType: Int?
    /// DATAFLOW (1.0) or STRUCTURE_ID (2.0), whose cells name the dataflow.
    var structureID: Int?
    var action: Int?
    /// In the dataflow's dimension order.
    var dimensions: [Int]
    var time: Int
    var value: Int
    /// Coded attributes present in the file, by id.
    var attributes: [String: Int]
    var unitMultiplier: Int?

    /// Reports every missing and repeated column at once, all on line 1.
    init(ids: [String], format: SDMXCSVReader.Format, structure: DataflowStructure) throws(SubmissionProblems) {
        var problems: [SubmissionProblem] = []
        let required = Self.requiredColumns(format: format, structure: structure)
        func find(_ id: String) -> Int? {
            let found = ids.indices.filter { ids[$0] == id }
            for repeated in found.dropFirst() {
                problems.append(SubmissionProblem(.duplicateColumn, line: 1, column: repeated + 1, columnName: id,
                                                  message: "\(id) appears again; it is already column \(found[0] + 1)"))
            }
            if found.isEmpty && required.contains(id) {
                problems.append(SubmissionProblem(.missingColumn, line: 1, columnName: id, message:
                    "the header has no \(id) column; \(format.rawValue) files for \(structure.reference) need \(required.joined(separator: ", "))"))
            }
            return found.first
        }
        structureType = format == .sdmxCSV2 ? find("STRUCTURE") : nil
        structureID = format == .sdmxCSV1 ? find("DATAFLOW") : format == .sdmxCSV2 ? find("STRUCTURE_ID") : nil
        action = format == .sdmxCSV2 ? find("ACTION") : nil
        let dimensions = structure.dimensions.map { find($0.id) }
        let timeIndex = find(structure.timeDimension)
        let valueIndex = find(SDMXComponent.observationValue)
        var attributes: [String: Int] = [:]
        for attribute in structure.attributes {
            attributes[attribute.id] = find(attribute.id)
        }
        unitMultiplier = find(SDMXComponent.unitMultiplier)
        guard problems.isEmpty, let timeIndex, let valueIndex else { throw SubmissionProblems(problems) }
        self.dimensions = dimensions.compactMap { $0 }
        time = timeIndex
        value = valueIndex
        self.attributes = attributes
    }

    private static func requiredColumns(format: SDMXCSVReader.Format, structure: DataflowStructure) -> [String] {
        let leading: [String] = switch format {
        case .sdmxCSV1: ["DATAFLOW"]
        case .sdmxCSV2: ["STRUCTURE", "STRUCTURE_ID"]
        case .template: []
        }
        return leading + structure.dimensions.map(\.id) + [structure.timeDimension, SDMXComponent.observationValue]
    }
}
