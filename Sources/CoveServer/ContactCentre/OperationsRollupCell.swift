import CoveCore
import Fluent
import SQLKit
import Vapor

/// How a helpline's chats and texts fared in one month and channel: how many children reached it
/// (offered), how many a counsellor took (answered), and the seconds they waited in all, so a mean
/// wait is a division. Counted by the month a child first wrote, on the helpline's clock, so a
/// cell's answered never exceeds its offered.
final class OperationsRollupCell: Model, @unchecked Sendable {
    static let schema = "operations_rollups"

    @ID(key: .id) var id: UUID?
    @Field(key: "helpline_id") var helplineID: UUID
    @Field(key: "country") var country: String
    @Field(key: "month") var month: String
    @Field(key: "channel") var channel: String
    @Field(key: "offered") var offered: Int
    @Field(key: "answered") var answered: Int
    @Field(key: "wait_seconds") var waitSeconds: Double

    init() {}

    /// The cell's figures as submissions and the indicator table read them.
    var figures: RollupSubmission.Operations {
        RollupSubmission.Operations(month: month, channel: channel, offered: offered, answered: answered,
                                    waitSeconds: waitSeconds)
    }
}

/// Adds to the operations cells inside the caller's transaction, as `ContactRollups` does for contacts.
enum OperationsRollups {
    struct Key: Hashable, Sendable {
        var helplineID: UUID
        var country: String
        var month: String
        var channel: String
    }

    struct Counts: Equatable, Sendable {
        var offered = 0
        var answered = 0
        var waitSeconds = 0.0
    }

    static func key(for conversation: Conversation, helpline: Helpline) throws -> Key {
        let zone = TimeZone(identifier: helpline.timeZone) ?? TimeZone(identifier: "UTC")!
        return Key(helplineID: try helpline.requireID(),
                   country: helpline.countries.first.map { String($0.prefix(2)) } ?? ContactRollup.none,
                   month: ContactRollup.month(of: conversation.startedAt, in: zone), channel: conversation.channel)
    }

    /// A child reached the helpline: the conversation was just created.
    static func offered(_ conversation: Conversation, helpline: Helpline, on db: any Database) async throws {
        try await add(Counts(offered: 1), at: key(for: conversation, helpline: helpline), on: db)
    }

    /// A counsellor took the conversation for the first time.
    static func answered(_ conversation: Conversation, at now: Date, on db: any Database) async throws {
        guard let helpline = try await Helpline.find(conversation.$helpline.id, on: db) else { return }
        let wait = max(0, now.timeIntervalSince(conversation.startedAt))
        try await add(Counts(answered: 1, waitSeconds: wait), at: key(for: conversation, helpline: helpline), on: db)
    }

    static func add(_ counts: Counts, at key: Key, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        try await sql.raw("""
            INSERT INTO operations_rollups (id, helpline_id, country, month, channel, offered, answered, wait_seconds)
            VALUES (\(bind: UUID()), \(bind: key.helplineID), \(bind: key.country), \(bind: key.month), \(bind: key.channel),
                \(bind: counts.offered), \(bind: counts.answered), \(bind: counts.waitSeconds))
            ON CONFLICT (helpline_id, month, channel) DO UPDATE SET
                offered = operations_rollups.offered + \(bind: counts.offered),
                answered = operations_rollups.answered + \(bind: counts.answered),
                wait_seconds = operations_rollups.wait_seconds + \(bind: counts.waitSeconds)
            """).run()
    }
}
