import Foundation

/// Checks every row of a submission against its dataflow before anything is stored, and collects
/// every problem rather than the first, so one round of fixes is enough: codes from their
/// codelists, well-formed periods that agree with FREQ, finite non-negative numbers, no key given
/// twice, and totals that equal the sum of their parts.
///
/// A submission is stored whole or not at all, so observations come back only when there is no
/// problem.
public struct SubmissionValidator: Sendable {
    public let structure: DataflowStructure
    public let limits: SDMXCSVReader.Limits

    public init(structure: DataflowStructure, limits: SDMXCSVReader.Limits = .standard) {
        self.structure = structure
        self.limits = limits
    }

    /// A row that passed the checks of its own cells, kept with its line for the checks across rows.
    struct Row: Sendable {
        let line: Int
        let observation: SDMXObservation
    }

    public func validate(_ table: SubmissionTable) -> Result<[SDMXObservation], SubmissionProblems> {
        var problems: [SubmissionProblem] = []
        var rows: [Row] = []
        for record in table.records {
            var reader = SubmissionRowReader(record: record, table: table, structure: structure, limits: limits)
            if let observation = reader.observation() {
                rows.append(Row(line: record.line, observation: observation))
            }
            problems += reader.problems
        }
        problems += duplicateProblems(in: rows)
        problems += ruleProblems(in: rows, valueColumn: table.columns.value)
        guard problems.isEmpty else {
            return .failure(SubmissionProblems(sorting: problems, limit: limits.maximumProblems))
        }
        return .success(rows.map(\.observation))
    }
}

/// Reads one record into an observation, noting every problem in its cells.
struct SubmissionRowReader {
    let record: CSVTable.Record
    let table: SubmissionTable
    let structure: DataflowStructure
    let limits: SDMXCSVReader.Limits
    private(set) var problems: [SubmissionProblem] = []

    init(record: CSVTable.Record, table: SubmissionTable, structure: DataflowStructure, limits: SDMXCSVReader.Limits) {
        self.record = record
        self.table = table
        self.structure = structure
        self.limits = limits
    }

    /// The observation when every cell is valid; nil, with `problems` filled, otherwise.
    mutating func observation() -> SDMXObservation? {
        guard fieldsFit() else { return nil }
        checkStructure()
        checkAction()
        let readKey = seriesKey()
        let readPeriod = timePeriod(frequency: readKey?[SDMXComponent.frequency])
        let value = observationValue()
        let attributes = attributeCodes()
        let multiplier = unitMultiplier()
        guard problems.isEmpty, let key = readKey, let period = readPeriod else { return nil }
        return SDMXObservation(dataflow: structure.reference, seriesKey: key, timePeriod: period, value: value,
                               observationStatus: attributes[SDMXComponent.observationStatus],
                               confidentialityStatus: attributes[SDMXComponent.confidentialityStatus],
                               unitMultiplier: multiplier)
    }

    /// Refuses the row when any cell is over the limit, without reading its values: a cell that
    /// long is a broken quote that swallowed the rest of the file, or the wrong file altogether.
    private mutating func fieldsFit() -> Bool {
        for (index, field) in record.fields.enumerated() where field.utf8.count > limits.maximumFieldBytes {
            report(.fieldTooLong, at: index,
                   "the cell holds \(field.utf8.count) bytes; the limit is \(limits.maximumFieldBytes) (is a quote left open?)")
        }
        return problems.isEmpty
    }

    private mutating func checkStructure() {
        if let index = table.columns.structureType, cell(index).lowercased() != "dataflow" {
            report(.wrongDataflow, at: index,
                   "\(quoted(cell(index))) is not supported; Cove takes data for a dataflow, so STRUCTURE must be \"dataflow\"")
        }
        guard let index = table.columns.structureID else { return }
        let text = cell(index)
        // SDMX-CSV 2.0 with labels writes "AGENCY:ID(VERSION): Name"; the reference itself has no ": ".
        let referenceText = text.range(of: ": ").map { String(text[..<$0.lowerBound]) } ?? text
        guard let reference = DataflowReference(parsing: referenceText) else {
            report(.wrongDataflow, at: index, "\(quoted(text)) is not a dataflow; write AGENCY:ID(VERSION), here \(structure.reference)")
            return
        }
        if reference != structure.reference {
            report(.wrongDataflow, at: index, "\(quoted(text)) is another dataflow; this submission is for \(structure.reference)")
        }
    }

    private mutating func checkAction() {
        guard let index = table.columns.action else { return }
        switch cell(index).uppercased() {
        case "", "I", "A": return
        case "D": report(.unsupportedAction, at: index,
                         "\"D\" (delete) is not supported yet; leave the row out, or submit a corrected version of the whole dataset")
        case "R": report(.unsupportedAction, at: index,
                         "\"R\" (replace) is not supported yet; a correction is submitted as a new version with action I or A")
        default: report(.unsupportedAction, at: index, "\(quoted(cell(index))) is not an action; use I (information) or A (append)")
        }
    }

    private mutating func seriesKey() -> SeriesKey? {
        var components: [SeriesKey.Component] = []
        for (dimension, index) in zip(structure.dimensions, table.columns.dimensions) {
            if let code = checkedCode(at: index, of: dimension, required: true) {
                components.append(SeriesKey.Component(dimension: dimension.id, code: code))
            }
        }
        return components.count == structure.dimensions.count ? SeriesKey(components) : nil
    }

    /// The code in column `index`, checked against `component`'s codelist; nil when blank or unknown.
    private mutating func checkedCode(at index: Int, of component: DataflowStructure.CodedComponent, required: Bool) -> String? {
        let code = SDMXCSVReader.withoutLabel(cell(index))
        if code.isEmpty {
            if required { report(.missingCode, at: index, "no \(component.id) code; give one of \(component.codelist)\(hint(component))") }
            return nil
        }
        guard component.codes.contains(code) else {
            report(.unknownCode, at: index, "\(quoted(code)) is not a code of \(component.codelist)\(hint(component))")
            return nil
        }
        return code
    }

    /// The codes themselves, when there are few enough to list.
    private func hint(_ component: DataflowStructure.CodedComponent) -> String {
        component.codes.count > 12 ? "" : "; the codes are " + component.codes.sorted().joined(separator: ", ")
    }

    private mutating func timePeriod(frequency: String?) -> TimePeriod? {
        let index = table.columns.time
        let text = cell(index)
        let period: TimePeriod
        do {
            period = try TimePeriod(parsing: text)
        } catch {
            report(.badPeriod, at: index, text.isEmpty ? error.reason : "\(quoted(text)) is not a period: \(error.reason)")
            return nil
        }
        if let frequency, let expected = TimePeriod.Frequency(rawValue: frequency), expected != period.frequency {
            report(.badPeriod, at: index,
                   "\(quoted(text)) is a \(period.frequency.name) period but FREQ is \(frequency) (\(expected.name))")
            return nil
        }
        return period
    }

    private mutating func observationValue() -> Double? {
        let index = table.columns.value
        let text = cell(index)
        guard !text.isEmpty else { return nil }
        guard let number = Self.number(text) else {
            report(.notANumber, at: index, "\(quoted(text)) is not a number; write digits with a point for decimals "
                   + "(1234.5) and no thousands separators, or leave the cell empty for a missing value")
            return nil
        }
        guard number.isFinite else {
            report(.notANumber, at: index, "\(quoted(text)) is too large to be a count or a rate")
            return nil
        }
        guard number >= 0 else {
            report(.negativeValue, at: index, "\(quoted(text)) is negative; counts and rates cannot be below zero")
            return nil
        }
        return number == 0 ? 0 : number
    }

    /// Plain decimal notation only: `Double` alone would also take `nan`, `inf` and hexadecimal.
    static func number(_ text: String) -> Double? {
        guard text.unicodeScalars.allSatisfy({ "0123456789.eE+-".unicodeScalars.contains($0) }) else { return nil }
        return Double(text)
    }

    /// The coded attributes the file fills in, by id; blank cells are left out.
    private mutating func attributeCodes() -> [String: String] {
        var codes: [String: String] = [:]
        for attribute in structure.attributes {
            guard let index = table.columns.attributes[attribute.id] else { continue }
            codes[attribute.id] = checkedCode(at: index, of: attribute, required: false)
        }
        return codes
    }

    private mutating func unitMultiplier() -> Int? {
        guard let index = table.columns.unitMultiplier else { return nil }
        let text = SDMXCSVReader.withoutLabel(cell(index))
        guard !text.isEmpty else { return nil }
        guard let multiplier = Int(text), (-15...15).contains(multiplier) else {
            report(.badAttribute, at: index, "\(quoted(text)) is not a power of ten; UNIT_MULT is a whole number such as 0, 3 or 6")
            return nil
        }
        return multiplier
    }

    /// A cell without the spaces a spreadsheet may pad it with.
    private func cell(_ index: Int) -> String {
        record.fields[index].trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func quoted(_ value: String) -> String { SubmissionProblem.quoted(value) }

    private mutating func report(_ code: SubmissionProblem.Code, at index: Int, _ message: String) {
        problems.append(SubmissionProblem(code, line: record.line, column: index + 1, columnName: table.columnIDs[index],
                                          message: message))
    }
}
