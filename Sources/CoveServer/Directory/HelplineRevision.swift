import CoveCore
import Fluent
import Vapor

/// One saved state of a helpline, kept so its history can be shown and any change undone by hand.
/// Keyed by slug, not by row, so the history outlives a helpline removed by an import.
final class HelplineRevision: Model, @unchecked Sendable {
    static let schema = "helpline_revisions"

    enum Change: String, Codable, Sendable {
        case created, edited, imported, removed
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "slug") var slug: String
    @Field(key: "version") var version: Int
    @Field(key: "recorded_at") var recordedAt: Date
    @Enum(key: "change") var change: Change
    @OptionalField(key: "actor_id") var actorID: UUID?
    /// Who made the change as shown in the history: an email, or "seed" and "command line".
    @Field(key: "actor_label") var actorLabel: String
    /// The whole record after the change, as JSON.
    @Field(key: "record") var record: String

    init() {}

    init(slug: String, version: Int, recordedAt: Date, change: Change, actorID: UUID?, actorLabel: String,
         record: DirectoryRecord) throws {
        self.slug = slug
        self.version = version
        self.recordedAt = recordedAt
        self.change = change
        self.actorID = actorID
        self.actorLabel = actorLabel
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        self.record = String(decoding: try encoder.encode(record), as: UTF8.self)
    }

    var decodedRecord: DirectoryRecord? {
        try? JSONDecoder().decode(DirectoryRecord.self, from: Data(record.utf8))
    }
}
