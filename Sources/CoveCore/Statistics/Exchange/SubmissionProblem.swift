import Foundation

/// One reason a submission cannot be stored, placed where the submitter will look for it: the
/// line their editor shows (the header is line 1) and, when it concerns one cell, its column.
public struct SubmissionProblem: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    /// A stable name for the kind of problem, for the API and for tests; the message is for people.
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        case emptyFile = "empty-file"
        case fileTooLarge = "file-too-large"
        case badUTF8 = "bad-utf8"
        case wrongSeparator = "wrong-separator"
        case malformedCSV = "malformed-csv"
        /// An SDMX-JSON message that is not JSON, or not shaped as SDMX-JSON says.
        case malformedJSON = "malformed-json"
        case fieldTooLong = "field-too-long"
        case missingColumn = "missing-column"
        case duplicateColumn = "duplicate-column"
        case wrongDataflow = "wrong-dataflow"
        case unsupportedAction = "unsupported-action"
        case missingCode = "missing-code"
        case unknownCode = "unknown-code"
        case badPeriod = "bad-period"
        case notANumber = "not-a-number"
        case negativeValue = "negative-value"
        case badAttribute = "bad-attribute"
        case duplicateKey = "duplicate-key"
        case ruleBroken = "rule-broken"
        case mixedAreas = "mixed-areas"
        case tooManyProblems = "too-many-problems"
    }

    public let code: Code
    /// 1-based line of the file; the header is line 1.
    public let line: Int
    /// 1-based column, when the problem is in one cell.
    public let column: Int?
    /// The column's id (`SEX`), when the problem concerns one column.
    public let columnName: String?
    /// What is wrong, naming the value: `"X" is not a code of CL_SEX`. `description` adds the place.
    public let message: String
    /// Other lines involved: the first of two duplicates, or the parts a total disagrees with.
    public let relatedLines: [Int]

    public init(_ code: Code, line: Int, column: Int? = nil, columnName: String? = nil, message: String,
                relatedLines: [Int] = []) {
        self.code = code
        self.line = line
        self.column = column
        self.columnName = columnName
        self.message = message
        self.relatedLines = relatedLines
    }

    /// `line 7, column 3 (SEX): "X" is not a code of CL_SEX`.
    public var description: String {
        var place = "line \(line)"
        if let column { place += ", column \(column)" }
        if let columnName { place += " (\(columnName))" }
        return "\(place): \(message)"
    }

    /// `value` in quotes for a message, cut short and with control characters escaped, so a hostile
    /// or binary cell can neither flood the report nor garble a terminal.
    static func quoted(_ value: String) -> String {
        var shown = ""
        for (count, scalar) in value.unicodeScalars.enumerated() {
            if count == 40 {
                shown += "…"
                break
            }
            if scalar.properties.generalCategory == .control {
                shown += scalar.escaped(asASCII: true)
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        return "\"" + shown + "\""
    }

    /// A number as a person would write it: `205`, not `205.0`.
    public static func text(for number: Double) -> String {
        if number.isFinite, number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return "\(number)"
    }
}

/// Every problem found in one submission, in file order; nothing from the file is stored while
/// there is one.
public struct SubmissionProblems: Error, Hashable, Sendable, CustomStringConvertible {
    public let problems: [SubmissionProblem]

    public init(_ problems: [SubmissionProblem]) {
        self.problems = problems
    }

    /// `problems` in file order and, past `limit`, replaced by one that says how many more there
    /// are: a file with a million bad rows needs its first screenful fixed, not a million messages.
    init(sorting problems: [SubmissionProblem], limit: Int) {
        let sorted = problems.enumerated().sorted { lhs, rhs in
            (lhs.element.line, lhs.element.column ?? 0, lhs.offset) < (rhs.element.line, rhs.element.column ?? 0, rhs.offset)
        }.map { $0.element }
        let kept = max(1, limit)
        guard sorted.count > kept else {
            self.init(sorted)
            return
        }
        let more = sorted.count - kept
        let summary = SubmissionProblem(.tooManyProblems, line: sorted[kept].line,
                                        message: "\(more) more problems from this line on; fix the ones above and submit again")
        self.init(Array(sorted.prefix(kept)) + [summary])
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
