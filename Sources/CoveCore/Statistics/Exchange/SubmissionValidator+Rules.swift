import Foundation

/// The checks that need more than one row: a key given twice, and totals that do not add up.
extension SubmissionValidator {
    private struct ObservationKey: Hashable {
        let series: SeriesKey
        let period: TimePeriod
    }

    /// One problem per repeat, at the later line, naming both: which of the two is right is for
    /// the submitter to say.
    func duplicateProblems(in rows: [Row]) -> [SubmissionProblem] {
        var firstLines: [ObservationKey: Int] = [:]
        var problems: [SubmissionProblem] = []
        for row in rows {
            let key = ObservationKey(series: row.observation.seriesKey, period: row.observation.timePeriod)
            guard let first = firstLines[key] else {
                firstLines[key] = row.line
                continue
            }
            problems.append(SubmissionProblem(
                .duplicateKey, line: row.line,
                message: "lines \(first) and \(row.line) both give \(Self.text(for: key.series)) for \(key.period); "
                    + "each key and period may appear once",
                relatedLines: [first]))
        }
        return problems
    }

    /// Every broken sum rule, at the line of the total. A total whose parts are not all in the
    /// file, or have no value, is not checked: a submission may leave cells out.
    func ruleProblems(in rows: [Row], valueColumn: Int) -> [SubmissionProblem] {
        structure.rules.flatMap { problems(breaking: $0, in: rows, valueColumn: valueColumn) }
    }

    /// The other dimensions' codes (the rule's own left blank) and the period: the cells that
    /// must add up together.
    private struct RuleCell: Hashable {
        let codes: [String]
        let period: TimePeriod
    }

    private func problems(breaking rule: DataflowStructure.SumRule, in rows: [Row], valueColumn: Int) -> [SubmissionProblem] {
        guard let axis = structure.dimensions.firstIndex(where: { $0.id == rule.dimension }) else { return [] }
        let involved = Set(rule.parts + [rule.total])
        var cells: [RuleCell: [String: Row]] = [:]
        for row in rows {
            var codes = row.observation.seriesKey.components.map(\.code)
            guard axis < codes.count, involved.contains(codes[axis]) else { continue }
            let code = codes[axis]
            codes[axis] = ""
            let cell = RuleCell(codes: codes, period: row.observation.timePeriod)
            // The first of two duplicates is the one compared; the repeat is reported already.
            if cells[cell]?[code] == nil { cells[cell, default: [:]][code] = row }
        }
        return cells.values.compactMap { problem(breaking: rule, among: $0, valueColumn: valueColumn) }
    }

    /// Nil when the total agrees with its parts, or when it cannot be checked.
    private func problem(breaking rule: DataflowStructure.SumRule, among members: [String: Row],
                         valueColumn: Int) -> SubmissionProblem? {
        guard let total = members[rule.total], let totalValue = total.observation.scaledValue else { return nil }
        var sum = 0.0
        var lines: [Int] = []
        for part in rule.parts {
            guard let row = members[part], let value = row.observation.scaledValue else { return nil }
            sum += value
            lines.append(row.line)
        }
        guard !Self.agrees(totalValue, sum) else { return nil }
        let message = "\(rule.dimension) \(rule.total) is \(SubmissionProblem.text(for: totalValue)), but "
            + "\(rule.parts.joined(separator: " + ")) on lines \(lines.map(String.init).joined(separator: ", ")) "
            + "add up to \(SubmissionProblem.text(for: sum))"
        return SubmissionProblem(.ruleBroken, line: total.line, column: valueColumn + 1,
                                 columnName: SDMXComponent.observationValue, message: message, relatedLines: lines)
    }

    /// Equal up to rounding, so parts reported with decimals can still make their total.
    static func agrees(_ total: Double, _ sum: Double) -> Bool {
        abs(total - sum) <= 1e-9 * max(1, abs(total), abs(sum))
    }

    /// `FREQ=Q, REF_AREA=KE, SEX=F`: the key spelled out, since a dotted `Q.KE.F` means little in a message.
    static func text(for key: SeriesKey) -> String {
        key.components.map { "\($0.dimension)=\($0.code)" }.joined(separator: ", ")
    }
}
