/// A CSV file read strictly by RFC 4180, keeping the line each record starts on, so an import's
/// errors can point at the line a person sees in their editor even when a field holds a line break.
///
/// SwiftCSV serves the trusted seed files; imports come from people and spreadsheets, and a stray
/// quote there must be an error at its line, not a silently merged field.
public struct CSVTable: Sendable, Equatable {
    public struct Record: Sendable, Equatable {
        /// 1-based line of the file the record starts on.
        public let line: Int
        public let fields: [String]
    }

    public let header: [String]
    public let records: [Record]

    public init(parsing text: String) throws(CSVTableError) {
        // A byte-order mark from a spreadsheet export would otherwise stick to the first column's name.
        var reader = Reader(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        var all: [Record] = []
        // Blank lines and rows of bare commas (a spreadsheet's trailing ones) are not records.
        while let record = try reader.next() {
            if !record.fields.allSatisfy(\.isEmpty) { all.append(record) }
        }
        guard let first = all.first else { throw .empty }
        header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        for record in all.dropFirst() where record.fields.count != header.count {
            throw .wrongFieldCount(line: record.line, expected: header.count, found: record.fields.count)
        }
        records = Array(all.dropFirst())
    }

    /// Field `name` of `record`, or nil when the file has no such column.
    public func value(_ name: String, in record: Record) -> String? {
        header.firstIndex(of: name).map { record.fields[$0] }
    }

    /// Writes one RFC 4180 line, quoting only fields that need it.
    public static func line(_ fields: [String]) -> String {
        fields.map { field in
            // isNewline also catches "\r\n", which Swift holds as one Character equal to neither "\r" nor "\n".
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",") + "\r\n"
    }

    private struct Reader {
        private let characters: [Character]
        private var index = 0
        private var line = 1

        init(_ text: String) { characters = Array(text) }

        mutating func next() throws(CSVTableError) -> Record? {
            guard index < characters.count else { return nil }
            let start = line
            var fields: [String] = []
            while true {
                let field = try nextField()
                fields.append(field)
                guard index < characters.count else { break }
                let separator = characters[index]
                index += 1
                if separator == "\n" || separator == "\r\n" || separator == "\r" {
                    line += 1
                    break
                }
            }
            return Record(line: start, fields: fields)
        }

        /// Reads up to, not past, the next comma or line end.
        private mutating func nextField() throws(CSVTableError) -> String {
            guard index < characters.count, characters[index] == "\"" else {
                var value = ""
                while index < characters.count, !isSeparator(characters[index]) {
                    if characters[index] == "\"" { throw .quoteInUnquotedField(line: line) }
                    value.append(characters[index])
                    index += 1
                }
                return value
            }
            let opened = line
            index += 1
            var value = ""
            while true {
                guard index < characters.count else { throw .unterminatedQuote(line: opened) }
                let character = characters[index]
                index += 1
                if character == "\"" {
                    if index < characters.count, characters[index] == "\"" {
                        value.append("\"")
                        index += 1
                        continue
                    }
                    guard index == characters.count || isSeparator(characters[index]) else {
                        throw .textAfterClosingQuote(line: line)
                    }
                    return value
                }
                if character == "\n" || character == "\r\n" || character == "\r" { line += 1 }
                value.append(character)
            }
        }

        private func isSeparator(_ character: Character) -> Bool {
            character == "," || character == "\n" || character == "\r\n" || character == "\r"
        }
    }
}

public enum CSVTableError: Error, Hashable, Sendable, CustomStringConvertible {
    case empty
    case unterminatedQuote(line: Int)
    case quoteInUnquotedField(line: Int)
    case textAfterClosingQuote(line: Int)
    case wrongFieldCount(line: Int, expected: Int, found: Int)

    public var line: Int {
        switch self {
        case .empty: 1
        case .unterminatedQuote(let line), .quoteInUnquotedField(let line), .textAfterClosingQuote(let line),
             .wrongFieldCount(let line, _, _): line
        }
    }

    /// What is wrong, without the line.
    public var reason: String {
        switch self {
        case .empty: "the file is empty; expected a header row"
        case .unterminatedQuote: "a quoted field is never closed"
        case .quoteInUnquotedField: "a quote inside an unquoted field; quote the whole field and double the quote"
        case .textAfterClosingQuote: "text after a closing quote; a field's quotes must enclose all of it"
        case .wrongFieldCount(_, let expected, let found): "\(found) fields where the header has \(expected)"
        }
    }

    public var description: String { "line \(line): \(reason)" }
}
