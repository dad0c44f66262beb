import Fluent
import Vapor

/// How one helpline runs its text contacts in Cove. A helpline without a row takes no Cove chat.
final class ContactCentreSettings: Model, @unchecked Sendable {
    static let schema = "contact_centre_settings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "helpline_id") var helpline: Helpline
    /// Whether children may start a web chat from the help pages.
    @Field(key: "chat_enabled") var chatEnabled: Bool
    /// Days a finished conversation's transcript is kept; the classification outlives it.
    @Field(key: "retention_days") var retentionDays: Int
    /// Off by default: numbers and handles are kept only as a keyed hash.
    @Field(key: "stores_raw_identifiers") var storesRawIdentifiers: Bool
    /// Feeds the wait a child is shown; a helpline sets it from its own experience.
    @Field(key: "average_handling_seconds") var averageHandlingSeconds: Int
    /// Past this many children waiting, new ones are told at once and shown other ways to get help.
    @Field(key: "maximum_waiting") var maximumWaiting: Int
    @OptionalField(key: "priority_rules") var priorityRules: String?
    @OptionalField(key: "canned_responses") var cannedResponses: String?

    init() {}

    init(helplineID: UUID, chatEnabled: Bool = true, retentionDays: Int = 90, storesRawIdentifiers: Bool = false,
         averageHandlingSeconds: Int = 20 * 60, maximumWaiting: Int = 30) {
        self.$helpline.id = helplineID
        self.chatEnabled = chatEnabled
        self.retentionDays = retentionDays
        self.storesRawIdentifiers = storesRawIdentifiers
        self.averageHandlingSeconds = averageHandlingSeconds
        self.maximumWaiting = maximumWaiting
    }
}
