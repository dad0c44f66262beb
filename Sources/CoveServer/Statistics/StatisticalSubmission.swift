import Fluent
import Vapor

/// One file of statistics as it was submitted: its observations are kept with it, so a
/// correction is a new submission and the history of what was reported stays.
final class StatisticalSubmission: Model, @unchecked Sendable {
    static let schema = "statistical_submissions"

    /// Where a submission stands on its way to publication.
    enum Status: String, Codable, Sendable {
        case draft, submitted, returned, approved, published
    }

    @ID(key: .id) var id: UUID?
    /// The dataflow reference as SDMX writes it: `COVE:HELPLINE_CONTACTS(1.0)`.
    @Field(key: "dataflow") var dataflow: String
    /// SDMX-CSV 1.0, SDMX-CSV 2.0 or the CSV template.
    @Field(key: "format") var format: String
    @Enum(key: "status") var status: Status
    @Field(key: "observations") var observations: Int
    /// Who submitted: a person's email, or the command line.
    @Field(key: "submitted_by") var submittedBy: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(id: UUID = UUID(), dataflow: String, format: String, observations: Int, submittedBy: String, at now: Date) {
        self.id = id
        self.dataflow = dataflow
        self.format = format
        self.status = .draft
        self.observations = observations
        self.submittedBy = submittedBy
        self.createdAt = now
    }
}
