import Fluent
import Vapor

/// One value of a submission, keyed as SDMX keys it: the series (`Q.KE._T…`) and the period.
final class Observation: Model, @unchecked Sendable {
    static let schema = "observations"

    @ID(key: .id) var id: UUID?
    @Parent(key: "submission_id") var submission: StatisticalSubmission
    /// The dataflow's id, such as HELPLINE_CONTACTS, for reading across submissions.
    @Field(key: "dataflow") var dataflow: String
    @Field(key: "series_key") var seriesKey: String
    @Field(key: "time_period") var timePeriod: String
    @OptionalField(key: "value") var value: Double?
    @OptionalField(key: "obs_status") var observationStatus: String?
    @OptionalField(key: "conf_status") var confidentialityStatus: String?
    @OptionalField(key: "unit_mult") var unitMultiplier: Int?

    init() {}
}
