import Fluent
import Vapor

/// One line of the audit log: who did what to which record, and when. Never contents.
final class AuditEvent: Model, @unchecked Sendable {
    static let schema = "audit_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "occurred_at") var occurredAt: Date
    @OptionalField(key: "actor_id") var actorID: UUID?
    /// The actor's email at the time, kept so the log still reads after an account is removed.
    @OptionalField(key: "actor_label") var actorLabel: String?
    @OptionalField(key: "organisation_id") var organisationID: UUID?
    @Field(key: "action") var action: String
    @OptionalField(key: "record_type") var recordType: String?
    @OptionalField(key: "record_id") var recordID: String?
    /// A short machine-readable note such as `reason=locked`; never free text from a person.
    @OptionalField(key: "detail") var detail: String?

    init() {}

    init(occurredAt: Date, actorID: UUID?, actorLabel: String?, organisationID: UUID?, action: String,
         recordType: String?, recordID: String?, detail: String?) {
        self.occurredAt = occurredAt
        self.actorID = actorID
        self.actorLabel = actorLabel
        self.organisationID = organisationID
        self.action = action
        self.recordType = recordType
        self.recordID = recordID
        self.detail = detail
    }
}
