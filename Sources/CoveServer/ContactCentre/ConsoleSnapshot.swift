import CoveCore
import Fluent
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

    private static func heldConversations(on db: any Database) async throws -> [UUID: [Held]] {
        let active = try await Conversation.query(on: db).filter(\.$state == .active).sort(\.$startedAt).all()
        let drafts = try await Contact.query(on: db).filter(\.$conversation.$id ~~ active.compactMap(\.id))
            .field(\.$id).field(\.$conversation.$id).all()
        let contactByConversation = Dictionary(drafts.compactMap { contact in contact.$conversation.id.map { ($0, contact.id!) } },
                                               uniquingKeysWith: { first, _ in first })
        var held: [UUID: [Held]] = [:]
        for conversation in active {
            guard let counsellorID = conversation.$counsellor.id else { continue }
            let id = try conversation.requireID()
            held[counsellorID, default: []].append(Held(
                id: id, helplineID: conversation.$helpline.id, channel: conversation.channel, language: conversation.language,
                childAge: conversation.childAge, priority: conversation.priority, alertCode: conversation.alertCode,
                identifierHash: conversation.identifierHash, sealedNickname: conversation.sealedNickname,
                lastSequence: conversation.lastSequence, contact: contactByConversation[id]))
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
