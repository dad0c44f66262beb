import Foundation

extension SubmissionTable {
    /// The one country a submission reports for. A submission is approved by the regional office of
    /// its country's region, so a file mixing countries (or reporting a region's aggregate) could not
    /// be approved by anyone: it is refused at the first row that differs, naming both areas.
    public func reportingCountry(areaDimension: String = "REF_AREA",
                                 countries: Set<String>) -> Result<String, SubmissionProblems> {
        guard let axis = columnIDs.firstIndex(of: areaDimension) else {
            return .failure(SDMXCSVReader.single(.missingColumn, line: 1, "the header has no \(areaDimension) column"))
        }
        var first: (code: String, line: Int)?
        for record in records where axis < record.fields.count {
            // `labels=both` files write "KE: Kenya"; codes hold no colon.
            let code = record.fields[axis].split(separator: ":", maxSplits: 1).first
                .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard countries.contains(code) else {
                return .failure(problem(record.line, axis, "\(SubmissionProblem.quoted(code)) is not a country; "
                    + "a submission reports for one country, and Cove works out regional and world figures itself"))
            }
            guard let found = first else {
                first = (code, record.line)
                continue
            }
            if found.code != code {
                return .failure(problem(record.line, axis, "this row is for \(code) but line \(found.line) is for "
                    + "\(found.code); a submission reports for one country, so send one file per country",
                    related: [found.line]))
            }
        }
        guard let first else { return .failure(SDMXCSVReader.single(.emptyFile, line: 1, "the file has no rows")) }
        return .success(first.code)
    }

    private func problem(_ line: Int, _ axis: Int, _ message: String, related: [Int] = []) -> SubmissionProblems {
        SubmissionProblems([SubmissionProblem(.mixedAreas, line: line, column: axis + 1, columnName: columnIDs[axis],
                                              message: message, relatedLines: related)])
    }
}
