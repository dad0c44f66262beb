import Fluent
import Vapor

/// Whether a counsellor takes conversations now, how many at once, and in which languages.
final class CounsellorPresence: Model, @unchecked Sendable {
    static let schema = "counsellor_presence"

    enum Status: String, Codable, Sendable { case available, away }

    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: Person
    @Enum(key: "status") var status: Status
    @Field(key: "capacity") var capacity: Int
    @Field(key: "languages") var languages: [String]
    /// When they last became free: routing offers the next conversation to whoever has waited longest.
    @Field(key: "idle_since") var idleSince: Date
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(personID: UUID, status: Status = .away, capacity: Int = 3, languages: [String], at now: Date) {
        self.$person.id = personID
        self.status = status
        self.capacity = capacity
        self.languages = languages
        self.idleSince = now
    }
}
