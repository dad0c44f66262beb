import CoveCore
import Fluent
import SQLKit
import Vapor

/// Takes a file of statistics for one dataflow: reads and checks all of it first, and stores
/// it whole, as a new draft submission, or not at all.
struct StatisticsImport {
    let db: any Database
    let countries: CountryList
    let now: Date
    /// Told what the import is doing, for the command line's progress bar.
    var progress: (@Sendable (CoveStatistics.ImportProgress) -> Void)?

    /// Who is uploading, and what the file corrects.
    struct Submitter: Sendable {
        var label: String
        var organisationID: UUID?
        /// Nil for the command line, which an operator runs and may load for any country.
        var actor: SubmissionActor?
        /// The submission this file is a corrected version of.
        var corrects: StatisticalSubmission?
    }

    struct Outcome: Sendable {
        /// Nil on a dry run.
        var submissionID: UUID?
        var country: String
        var format: SDMXCSVReader.Format
        var observations: Int
        var series: Int
        var periods: [String]
    }

    enum Failure: Error, CustomStringConvertible {
        case unknownDataflow(String, known: [String])
        case problems(SubmissionProblems)
        case notYourCountry(String)
        case correctsAnotherDataflow
        case correctsAnOlderVersion(Int)

        var description: String {
            switch self {
            case let .unknownDataflow(id, known): "\"\(id)\" is not a dataflow; the dataflows are \(known.joined(separator: ", "))"
            case let .problems(problems): problems.description
            case let .notYourCountry(country): "you may not report statistics for \(country)"
            case .correctsAnotherDataflow: "a correction must be for the same dataflow and country as the submission it corrects"
            case let .correctsAnOlderVersion(newest): "version \(newest) is newer; correct that one"
            }
        }
    }

    func run(_ data: Data, dataflow dataflowID: String, submittedBy submitter: Submitter,
             dryRun: Bool) async throws -> Outcome {
        let catalogue = try IndicatorCatalogue.bundled
        guard let structure = catalogue.structure(of: dataflowID, countries: countries) else {
            throw Failure.unknownDataflow(dataflowID, known: catalogue.dataflows.map(\.id))
        }
        progress?(.reading(bytes: data.count))
        let table = try SDMXCSVReader(structure: structure).table(from: data).mapError(Failure.problems).get()
        progress?(.checking(rows: table.records.count))
        let observations = try SubmissionValidator(structure: structure).validate(table).mapError(Failure.problems).get()
        let country = try table.reportingCountry(countries: Set(countries.all.map(\.code)))
            .mapError(Failure.problems).get()
        try checkCounts(observations, table: table, structure: structure, catalogue: catalogue)
        try await check(submitter, country: country, dataflow: structure.reference)
        var outcome = Outcome(submissionID: nil, country: country, format: table.format, observations: observations.count,
                              series: Set(observations.map(\.seriesKey.description)).count,
                              periods: Set(observations.map(\.timePeriod.description)).sorted())
        guard !dryRun else { return outcome }
        let submission = StatisticalSubmission(dataflow: structure.reference.description, format: table.format.rawValue,
                                               observations: observations.count, submittedBy: submitter.label, at: now)
        submission.$organisation.id = submitter.organisationID
        submission.refArea = country
        submission.methodologyVersion = catalogue.version
        submission.regionCode = countries.country(country)?.region.rawValue
        if let earlier = submitter.corrects {
            submission.lineageID = earlier.lineageID ?? earlier.id
            submission.version = earlier.version + 1
        }
        try await db.transaction { db in
            try await submission.create(on: db)
            try await Self.insert(observations, submission: try submission.requireID(), on: db) { [progress] done in
                progress?(.storing(done: done, of: observations.count))
            }
            try await SubmissionEvent(submissionID: submission.requireID(), at: now, action: "uploaded", status: .draft,
                                      actor: submitter.label).create(on: db)
        }
        outcome.submissionID = submission.id
        return outcome
    }

    /// A value disclosure control cannot treat as a count would only be found when publishing; it is
    /// refused now, at its line, while the sender is still looking at the file.
    private func checkCounts(_ observations: [SDMXObservation], table: SubmissionTable, structure: DataflowStructure,
                             catalogue: IndicatorCatalogue) throws {
        guard let rule = catalogue.dataflow(id: structure.id)?.disclosure.rule else { return }
        do {
            try PublicationProtection(structure: structure, rule: rule).check(observations)
        } catch let PublicationProtectionError.notACount(series, period, value) {
            // The validator returns one observation per row, in file order.
            let row = observations.firstIndex { $0.seriesKey == series && $0.timePeriod == period }
            let line = row.flatMap { table.records.indices.contains($0) ? table.records[$0].line : nil } ?? 1
            throw Failure.problems(SubmissionProblems([SubmissionProblem(
                .notANumber, line: line, column: table.columnIDs.firstIndex(of: SDMXComponent.observationValue).map { $0 + 1 },
                columnName: SDMXComponent.observationValue,
                message: "\(SubmissionProblem.text(for: value)) is not a whole count; this dataflow counts contacts")]))
        }
    }

    private func check(_ submitter: Submitter, country: String, dataflow: DataflowReference) async throws {
        if let actor = submitter.actor, !SubmissionWorkflow.mayUpload(actor, for: country) {
            throw Failure.notYourCountry(country)
        }
        guard let earlier = submitter.corrects else { return }
        if earlier.dataflow != dataflow.description || earlier.refArea != country { throw Failure.correctsAnotherDataflow }
        // Versions form a line: a correction starts from the newest one, so two corrections of the
        // same version cannot both become version 2.
        let lineage = earlier.lineageID ?? earlier.id
        let newest = try await StatisticalSubmission.query(on: db).filter(\.$lineageID == lineage)
            .sort(\.$version, .descending).first()
        if let newest, newest.version > earlier.version { throw Failure.correctsAnOlderVersion(newest.version) }
    }

    private static func insert(_ observations: [SDMXObservation], submission: UUID, on db: any Database,
                               inserted: @escaping (Int) -> Void) async throws {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        try await sql.insert(observations, into: Observation.schema,
                             columns: ["id", "submission_id", "dataflow", "series_key", "time_period", "value", "obs_status",
                                       "conf_status", "unit_mult"], inserted: inserted) { observation in
            [UUID(), submission, observation.dataflow.id, observation.seriesKey.description, observation.timePeriod.description,
             observation.value, observation.observationStatus, observation.confidentialityStatus, observation.unitMultiplier]
        }
    }
}
