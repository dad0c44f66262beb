import Fluent
import Vapor

/// A value as the public may see it: taken from an approved submission and passed through disclosure
/// control, so a suppressed cell is stored with its flags and without its number. Open data and the
/// comparison pages read only this table.
final class PublishedObservation: Model, @unchecked Sendable {
    static let schema = "published_observations"

    @ID(key: .id) var id: UUID?
    @Parent(key: "submission_id") var submission: StatisticalSubmission
    @Field(key: "dataflow") var dataflow: String
    @Field(key: "ref_area") var refArea: String
    @Field(key: "series_key") var seriesKey: String
    @Field(key: "time_period") var timePeriod: String
    @OptionalField(key: "value") var value: Double?
    @Field(key: "obs_status") var observationStatus: String
    @Field(key: "conf_status") var confidentialityStatus: String
    @OptionalField(key: "unit_mult") var unitMultiplier: Int?

    init() {}
}
