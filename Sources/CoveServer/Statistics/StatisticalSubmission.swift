import CoveCore
import Fluent
import Vapor

/// One file of statistics as it was submitted: its observations are kept with it, so a
/// correction is a new submission and the history of what was reported stays.
final class StatisticalSubmission: Model, @unchecked Sendable {
    static let schema = "statistical_submissions"

    typealias Status = SubmissionStatus

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
    /// The uploading organisation; nil for files loaded with the command line.
    @OptionalParent(key: "organisation_id") var organisation: Organisation?
    /// The one country the file reports for (ISO 3166-1 alpha-2).
    @OptionalField(key: "ref_area") var refArea: String?
    /// The country's ITU-D region, whose office approves.
    @OptionalField(key: "region") var regionCode: String?
    /// The first version's id, shared by all its corrections.
    @OptionalField(key: "lineage_id") var lineageID: UUID?
    @Field(key: "version") var version: Int
    @OptionalField(key: "return_reason") var returnReason: String?
    @OptionalField(key: "updated_at") var updatedAt: Date?
    /// The indicator catalogue version the file was checked against, so a figure can be read
    /// with the definitions that were in force.
    @OptionalField(key: "methodology_version") var methodologyVersion: String?

    init() {}

    init(id: UUID = UUID(), dataflow: String, format: String, observations: Int, submittedBy: String, at now: Date) {
        self.id = id
        self.dataflow = dataflow
        self.format = format
        self.status = .draft
        self.observations = observations
        self.submittedBy = submittedBy
        self.createdAt = now
        self.updatedAt = now
        self.lineageID = id
        self.version = 1
    }

    var region: ITURegion? { regionCode.flatMap(ITURegion.init(rawValue:)) }

    /// The dataflow's id without agency and version: `HELPLINE_CONTACTS`.
    var dataflowID: String { DataflowReference(parsing: dataflow)?.id ?? dataflow }
}
