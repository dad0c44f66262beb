import CoveCore
import Fluent
import SQLKit
import Vapor

/// Everything consoles draw their boards from, read in a handful of queries once per routing
/// change and shared by every console: a hundred consoles cost one read, not a hundred.
struct ConsoleSnapshot: Sendable {
    struct Counsellor: Sendable {
        var id: UUID
        var name: String
        var organisationID: UUID
        var status: CounsellorPresence.Status
        var capacity: Int
        var isSupervisor: Bool
    }

    /// An active conversation, with what a held card shows.
    struct Held: Sendable {
        var id: UUID
        var helplineID: UUID
        var channel: String
        var language: String
        var childAge: Int?
        var priority: Int
        var alertCode: String?
        var identifierHash: String?
        var sealedNickname: Data?
        var lastSequence: Int
        var contact: UUID?
    }

    struct Queue: Sendable {
        var waiting = 0
        var oldest: Date?
    }

    var counsellors: [UUID: Counsellor]
    var offers: [UUID: [ConsoleBoard.OfferCard]]
    /// By counsellor, oldest first.
    var held: [UUID: [Held]]
    /// By organisation: the queue of the helplines it runs.
    var queues: [UUID: Queue]
}

extension ConsoleSnapshot {
    static func load(on db: any Database) async throws -> ConsoleSnapshot {
        let presence = try await CounsellorPresence.query(on: db).with(\.$person).all()
        let counsellors = presence.map { row in
            Counsellor(id: row.$person.id, name: row.person.name, organisationID: row.person.$organisation.id,
                       status: row.status, capacity: row.capacity, isSupervisor: row.person.roleList.contains(.supervisor))
        }
        let offers = try await RoutingOffer.query(on: db).with(\.$conversation).all()
        return ConsoleSnapshot(
            counsellors: Dictionary(counsellors.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }),
            offers: Dictionary(grouping: offers, by: { $0.$counsellor.id }).mapValues { $0.map(ConsoleBoard.OfferCard.init) },
            held: try await heldConversations(on: db),
            queues: try await queues(on: db))
    }

    /// Every active chat with its draft contact. Read with SQLKit, not the models: this runs
    /// on every routing change, over every chat open, and model reflection dominated it.
    private static func heldConversations(on db: any Database) async throws -> [UUID: [Held]] {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        let rows = try await sql.raw("""
            SELECT c.id, c.helpline_id, c.counsellor_id, c.channel, c.language, c.child_age, c.priority, c.alert_code,
                c.identifier_hash, c.nickname, c.last_sequence, k.id AS contact_id
            FROM conversations c LEFT JOIN contacts k ON k.conversation_id = c.id
            WHERE c.state = \(bind: Conversation.State.active.rawValue)
            ORDER BY c.started_at, c.id
            """).all()
        var held: [UUID: [Held]] = [:]
        var seen: Set<UUID> = []
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            guard let counsellorID = try row.decode(column: "counsellor_id", as: UUID?.self), seen.insert(id).inserted else { continue }
            held[counsellorID, default: []].append(Held(
                id: id, helplineID: try row.decode(column: "helpline_id", as: UUID.self),
                channel: try row.decode(column: "channel", as: String.self), language: try row.decode(column: "language", as: String.self),
                childAge: try row.decode(column: "child_age", as: Int?.self), priority: try row.decode(column: "priority", as: Int.self),
                alertCode: try row.decode(column: "alert_code", as: String?.self),
                identifierHash: try row.decode(column: "identifier_hash", as: String?.self),
                sealedNickname: try row.decode(column: "nickname", as: Data?.self),
                lastSequence: try row.decode(column: "last_sequence", as: Int.self),
                contact: try row.decode(column: "contact_id", as: UUID?.self)))
        }
        return held
    }

    private static func queues(on db: any Database) async throws -> [UUID: Queue] {
        let waiting = try await Conversation.query(on: db).filter(\.$state == .waiting)
            .field(\.$id).field(\.$helpline.$id).field(\.$waitingSince).all()
        let helplineIDs = Array(Set(waiting.map { $0.$helpline.id }))
        let helplines = try await Helpline.query(on: db).filter(\.$id ~~ helplineIDs).field(\.$id).field(\.$organisation.$id).all()
        let organisationOf = Dictionary(helplines.compactMap { helpline in helpline.$organisation.id.map { (helpline.id!, $0) } },
                                        uniquingKeysWith: { first, _ in first })
        var queues: [UUID: Queue] = [:]
        for conversation in waiting {
            guard let organisationID = organisationOf[conversation.$helpline.id] else { continue }
            queues[organisationID, default: Queue()].waiting += 1
            let oldest = queues[organisationID]?.oldest ?? conversation.waitingSince
            queues[organisationID]?.oldest = min(oldest, conversation.waitingSince)
        }
        return queues
    }
}
