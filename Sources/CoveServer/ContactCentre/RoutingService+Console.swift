import CoveCore
import Fluent
import Vapor

/// The frame a console draws itself from: sent whole on every routing change, so a console
/// that missed an event is right again at the next one.
struct ConsoleBoard: Encodable, Sendable {
    var type = "board"
    var status: String
    var capacity: Int
    var offers: [OfferCard]
    var held: [HeldCard]
    var waiting: Int
    var longestWaitSeconds: Int
    /// Colleagues of the same organisation a chat can be handed to.
    var colleagues: [Colleague]

    struct Colleague: Encodable, Sendable {
        var id: UUID
        var name: String
        var available: Bool
        var supervisor: Bool
    }

    /// An earlier conversation from the same number or handle (known only by its keyed hash).
    struct Earlier: Encodable, Sendable {
        var contact: UUID?
        var startedAt: Date
    }

    struct OfferCard: Encodable, Sendable {
        var conversation: UUID
        var channel: String
        var language: String
        var priority: Int
        var alert: String?
        var expiresAt: Date
    }

    struct HeldCard: Encodable, Sendable {
        var conversation: UUID
        var channel: String
        var language: String
        var nickname: String?
        var age: Int?
        var priority: Int
        var alert: String?
        var contact: UUID?
        var earlier: [Earlier]
        /// The helpline's own canned replies in the chat's language; the console adds general ones.
        var canned: [String]
    }
}

extension RoutingService {
    func consoleView(for counsellorID: UUID) async throws -> ConsoleBoard {
                let presence = try await CounsellorPresence.query(on: db).filter(\.$person.$id == counsellorID).first()
        let offers = try await RoutingOffer.query(on: db).filter(\.$counsellor.$id == counsellorID).with(\.$conversation).all()
        let held = try await Conversation.query(on: db).filter(\.$state == .active)
            .filter(\.$counsellor.$id == counsellorID).sort(\.$startedAt).all()
        let contacts = try await Contact.query(on: db).filter(\.$conversation.$id ~~ held.compactMap(\.id)).all()
        let contactByConversation = Dictionary(contacts.compactMap { c in c.$conversation.id.map { ($0, c.id!) } },
                                               uniquingKeysWith: { first, _ in first })
        let queue = try await queueSummary(for: counsellorID, on: db)
        var cards: [ConsoleBoard.HeldCard] = []
        for conversation in held {
            var card = try heldCard(conversation, contact: contactByConversation[conversation.id!])
            card.earlier = try await earlier(than: conversation)
            card.canned = try await cannedReplies(for: conversation)
            cards.append(card)
        }
        return ConsoleBoard(
            status: presence?.status.rawValue ?? "away", capacity: presence?.capacity ?? 0,
            offers: offers.map { ConsoleBoard.OfferCard($0) }, held: cards,
            waiting: queue.waiting, longestWaitSeconds: queue.longest, colleagues: try await colleagues(of: counsellorID))
    }

    /// Up to five earlier conversations with the same helpline from the same number or handle.
    private func earlier(than conversation: Conversation) async throws -> [ConsoleBoard.Earlier] {
        guard let hash = conversation.identifierHash else { return [] }
        let previous = try await Conversation.query(on: db).filter(\.$helpline.$id == conversation.$helpline.id)
            .filter(\.$identifierHash == hash).filter(\.$id != (try conversation.requireID()))
            .sort(\.$startedAt, .descending).limit(5).all()
        let contacts = try await Contact.query(on: db).filter(\.$conversation.$id ~~ previous.compactMap(\.id)).all()
        return previous.map { earlier in
            ConsoleBoard.Earlier(contact: contacts.first { $0.$conversation.id == earlier.id }?.id, startedAt: earlier.startedAt)
        }
    }

    /// Canned replies are kept per helpline as JSON, `{"en": ["…"], "sw": ["…"]}`.
    private func cannedReplies(for conversation: Conversation) async throws -> [String] {
        let settings = try await ContactCentreSettings.query(on: db).filter(\.$helpline.$id == conversation.$helpline.id).first()
        guard let json = settings?.cannedResponses,
              let replies = try? JSONDecoder().decode([String: [String]].self, from: Data(json.utf8)) else { return [] }
        return replies[Language.primarySubtag(of: conversation.language)] ?? []
    }

    private func colleagues(of counsellorID: UUID) async throws -> [ConsoleBoard.Colleague] {
        guard let person = try await Person.find(counsellorID, on: db) else { return [] }
        let presence = try await CounsellorPresence.query(on: db).with(\.$person).all()
        return presence.filter { $0.person.$organisation.id == person.$organisation.id && $0.$person.id != counsellorID }
            .map { row in
                ConsoleBoard.Colleague(id: row.$person.id, name: row.person.name, available: row.status == .available,
                                       supervisor: row.person.roleList.contains(.supervisor))
            }
            .sorted { $0.name < $1.name }
    }

    private func heldCard(_ conversation: Conversation, contact: UUID?) throws -> ConsoleBoard.HeldCard {
        let id = try conversation.requireID()
        let nickname = try conversation.sealedNickname.map {
            try protection.sealer.open($0, context: ChatIntake.nicknameContext(id))
        }
        return ConsoleBoard.HeldCard(conversation: id, channel: conversation.channel, language: conversation.language,
                                     nickname: nickname, age: conversation.childAge, priority: conversation.priority,
                                     alert: conversation.alertCode, contact: contact, earlier: [], canned: [])
    }

    /// Waiting conversations of the helplines this counsellor serves.
    private func queueSummary(for counsellorID: UUID, on db: any Database) async throws -> (waiting: Int, longest: Int) {
        guard let person = try await Person.find(counsellorID, on: db) else { return (0, 0) }
        let helplines = try await Helpline.query(on: db).filter(\.$organisation.$id == person.$organisation.id).all()
        let waiting = try await Conversation.query(on: db).filter(\.$state == .waiting)
            .filter(\.$helpline.$id ~~ helplines.compactMap(\.id)).all()
        let longest = waiting.map { now.timeIntervalSince($0.waitingSince) }.max() ?? 0
        return (waiting.count, Int(longest))
    }
}

extension ConsoleBoard.OfferCard {
    init(_ offer: RoutingOffer) {
        conversation = offer.$conversation.id
        channel = offer.conversation.channel
        language = offer.conversation.language
        priority = offer.conversation.priority
        alert = offer.conversation.alertCode
        expiresAt = offer.expiresAt
    }
}
