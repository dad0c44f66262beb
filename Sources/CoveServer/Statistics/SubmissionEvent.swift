import CoveCore
import Fluent
import Vapor

/// One step in a submission's history: uploaded, submitted, returned with its reason, approved,
/// published, superseded. Shown to everyone who may see the submission.
final class SubmissionEvent: Model, @unchecked Sendable {
    static let schema = "submission_events"

    @ID(key: .id) var id: UUID?
    @Parent(key: "submission_id") var submission: StatisticalSubmission
    @Field(key: "occurred_at") var occurredAt: Date
    /// `uploaded`, `superseded` or a `SubmissionAction`'s raw value.
    @Field(key: "action") var action: String
    /// The status the step left the submission in.
    @Field(key: "status") var status: String
    @Field(key: "actor_label") var actorLabel: String
    /// The reason given when a submission is returned.
    @OptionalField(key: "note") var note: String?

    init() {}

    init(submissionID: UUID, at date: Date, action: String, status: SubmissionStatus, actor: String, note: String? = nil) {
        self.$submission.id = submissionID
        self.occurredAt = date
        self.action = action
        self.status = status.rawValue
        self.actorLabel = actor
        self.note = note
    }
}
