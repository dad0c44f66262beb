import Fluent
import Vapor

/// A child's case: several contacts over days or weeks that one counsellor follows through.
/// Everything here is coded (status, dates, people); what was said lives in sealed notes.
/// Named `HelplineCase` because `case` is a Swift keyword.
final class HelplineCase: Model, @unchecked Sendable {
    static let schema = "cases"

    enum Status: String, Codable, Sendable, CaseIterable {
        case open
        case inProgress = "in-progress"
        case closed

        /// Catalogue keys cannot hold the hyphen Leaf paths would trip on.
        var labelKey: String { "case.status_" + rawValue.replacingOccurrences(of: "-", with: "_") }
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "helpline_id") var helpline: Helpline
    /// What people say on the phone and write on paper: shorter than the id, and stored so a
    /// search by it needs no computation.
    @Field(key: "reference") var reference: String
    @Enum(key: "status") var status: Status
    /// Nil once the counsellor's account is removed; a supervisor then reassigns the case.
    @OptionalParent(key: "assigned_counsellor_id") var assignee: Person?
    /// A day on the helpline's calendar ("2026-10-02"), not an instant: a call-back is agreed for a day.
    @OptionalField(key: "follow_up_on") var followUpOn: String?
    @OptionalParent(key: "created_by") var creator: Person?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    /// Counts saved changes, so a change made on a stale page is refused rather than undoing another.
    @Field(key: "version") var version: Int

    init() {}

    init(id: UUID = UUID(), helplineID: UUID, openedBy personID: UUID?, at now: Date) {
        self.id = id
        self.$helpline.id = helplineID
        self.reference = Self.reference(for: id)
        self.status = .open
        self.$assignee.id = personID
        self.$creator.id = personID
        self.createdAt = now
        self.updatedAt = now
        self.version = 1
    }

    static func reference(for id: UUID) -> String { String(id.uuidString.prefix(8)).uppercased() }
}
