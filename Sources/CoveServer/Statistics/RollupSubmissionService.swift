import CoveCore
import Fluent
import Vapor

/// Prepares a draft submission from the rollups of the helplines an organisation runs in its own
/// country, and stores it through the same import as an uploaded file.
struct RollupSubmissionService {
    let db: any Database
    let countries: CountryList
    let now: Date

    static let dataflows = ["HELPLINE_CONTACTS", "HELPLINE_OPERATIONS"]

    enum Failure: Error {
        case notAQuarter
        case unknownDataflow
        case nothingCounted
    }

    func prepare(_ dataflow: String, quarter text: String, submitter: StatisticsImport.Submitter,
                 country: String) async throws -> StatisticsImport.Outcome {
        guard let quarter = try? TimePeriod(parsing: text), quarter.frequency == .quarterly else { throw Failure.notAQuarter }
        guard Self.dataflows.contains(dataflow), let organisationID = submitter.organisationID else {
            throw Failure.unknownDataflow
        }
        let helplines = try await Helpline.query(on: db).filter(\.$organisation.$id == organisationID).all()
            .compactMap(\.id)
        let file = dataflow == "HELPLINE_CONTACTS"
            ? RollupSubmission.contactsFile(country: country, quarter: quarter,
                                            margins: try await ContactMargins.sums(helplines: helplines, country: country,
                                                                                   on: db))
            : RollupSubmission.operationsFile(country: country, quarter: quarter,
                                              figures: try await operations(of: helplines, country: country))
        guard file.split(whereSeparator: \.isNewline).count > 1 else { throw Failure.nothingCounted }
        return try await StatisticsImport(db: db, countries: countries, now: now)
            .run(Data(file.utf8), dataflow: dataflow, submittedBy: submitter, dryRun: false)
    }

    private func operations(of helplines: [UUID], country: String) async throws -> [RollupSubmission.Operations] {
        try await OperationsRollupCell.query(on: db).filter(\.$helplineID ~~ helplines).filter(\.$country == country).all()
            .map(\.figures)
    }
}
