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

    struct Outcome: Sendable {
        /// Nil on a dry run.
        var submissionID: UUID?
        var format: SDMXCSVReader.Format
        var observations: Int
        var series: Int
        var periods: [String]
    }

    enum Failure: Error, CustomStringConvertible {
        case unknownDataflow(String, known: [String])
        case problems(SubmissionProblems)

        var description: String {
            switch self {
            case let .unknownDataflow(id, known): "\"\(id)\" is not a dataflow; the dataflows are \(known.joined(separator: ", "))"
            case let .problems(problems): problems.description
            }
        }
    }

    func run(_ data: Data, dataflow dataflowID: String, submittedBy: String, dryRun: Bool) async throws -> Outcome {
        let catalogue = try IndicatorCatalogue.bundled
        guard let structure = catalogue.structure(of: dataflowID, countries: countries) else {
            throw Failure.unknownDataflow(dataflowID, known: catalogue.dataflows.map(\.id))
        }
        let reader = SDMXCSVReader(structure: structure)
        let table = try reader.table(from: data).mapError(Failure.problems).get()
        let observations = try SubmissionValidator(structure: structure).validate(table).mapError(Failure.problems).get()
        var outcome = Outcome(submissionID: nil, format: table.format, observations: observations.count,
                              series: Set(observations.map(\.seriesKey.description)).count,
                              periods: Set(observations.map(\.timePeriod.description)).sorted())
        guard !dryRun else { return outcome }
        let submission = StatisticalSubmission(dataflow: DataflowReference(agency: structure.agency, id: structure.id,
                                                                           version: structure.version).description,
                                               format: table.format.rawValue, observations: observations.count,
                                               submittedBy: submittedBy, at: now)
        try await db.transaction { db in
            try await submission.create(on: db)
            try await Self.insert(observations, submission: try submission.requireID(), on: db)
        }
        outcome.submissionID = submission.id
        return outcome
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
