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

        var description: String {
            switch self {
            case let .unknownDataflow(id, known): "\"\(id)\" is not a dataflow; the dataflows are \(known.joined(separator: ", "))"
            case let .problems(problems): problems.description
            case let .notYourCountry(country): "you may not report statistics for \(country)"
            case .correctsAnotherDataflow: "a correction must be for the same dataflow and country as the submission it corrects"
            }
        }
    }

    func run(_ data: Data, dataflow dataflowID: String, submittedBy submitter: Submitter,
             dryRun: Bool) async throws -> Outcome {
        let catalogue = try IndicatorCatalogue.bundled
        guard let structure = catalogue.structure(of: dataflowID, countries: countries) else {
            throw Failure.unknownDataflow(dataflowID, known: catalogue.dataflows.map(\.id))
        }
        let table = try SDMXCSVReader(structure: structure).table(from: data).mapError(Failure.problems).get()
        let observations = try SubmissionValidator(structure: structure).validate(table).mapError(Failure.problems).get()
        let country = try table.reportingCountry(countries: Set(countries.all.map(\.code)))
            .mapError(Failure.problems).get()
        try check(submitter, country: country, dataflow: structure.reference)
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
            try await Self.insert(observations, submission: try submission.requireID(), on: db)
            try await SubmissionEvent(submissionID: submission.requireID(), at: now, action: "uploaded", status: .draft,
                                      actor: submitter.label).create(on: db)
        }
        outcome.submissionID = submission.id
        return outcome
    }

    private func check(_ submitter: Submitter, country: String, dataflow: DataflowReference) throws {
        if let actor = submitter.actor, !SubmissionWorkflow.mayUpload(actor, for: country) {
            throw Failure.notYourCountry(country)
        }
        if let earlier = submitter.corrects, earlier.dataflow != dataflow.description || earlier.refArea != country {
            throw Failure.correctsAnotherDataflow
        }
    }

    private static func insert(_ observations: [SDMXObservation], submission: UUID, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        try await sql.insert(observations, into: Observation.schema,
                             columns: ["id", "submission_id", "dataflow", "series_key", "time_period", "value", "obs_status",
                                       "conf_status", "unit_mult"]) { observation in
            [UUID(), submission, observation.dataflow.id, observation.seriesKey.description, observation.timePeriod.description,
             observation.value, observation.observationStatus, observation.confidentialityStatus, observation.unitMultiplier]
        }
    }
}
